/** What Slack would read as markup in text Brief sends. */

/** `<…>` that is not Slack markup (a mention, channel, special or link): Slack reads it as markup anyway and swallows it. */
export const strayAngles = (text: string) => (text.match(/<[^>]*>/g) ?? []).filter((m) => !/^<(?:[@#!]|https?:\/\/|mailto:)/.test(m));
