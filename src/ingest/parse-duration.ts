/** Durations as people write them in env files: `90s`, `15m`, `24h`, `7d`, `500ms`. */

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `15m` → 900 000. Throws an Error naming `name` and the accepted forms for anything else. */
export function parseDuration(text: string, name = 'duration'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/i.exec(text);
  const ms = match ? Number(match[1]) * UNITS[match[2]!.toLowerCase()]! : NaN;
  if (!Number.isFinite(ms) || ms <= 0) throw new Error(`${name} must be a positive duration such as 90s, 15m, 24h or 7d (got "${text}")`);
  return Math.round(ms);
}
