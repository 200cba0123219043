/**
 * Defaults the pure core and the renderers share with the edges. They live in core because core and
 * render may import nothing outside it; src/defaults.ts refers to these rather than repeating them.
 */

/** How many cited passages an answer shows (`ask --top`, `/brief`, watch checks). */
export const DEFAULT_TOP = 3;

/** IANA time zone briefings are scheduled in and show times in, when BRIEFING_TZ is not set. */
export const DEFAULT_TIME_ZONE = 'UTC';
