const ZWSP = '\u200b';
/** Anything one of the replacements below would touch (a superset: a false hit only costs the full passes). */
const MENTION_LIKE = /@(everyone|here)|<([@#]|@&|\/|:|a:|t:)/i;
const NEEDS_ESCAPING = /[\\*_~`|[\]]|^\s*(>|#|-|\d+\.)|@(everyone|here)|<([@#]|@&|\/|:|a:|t:)/im;

/**
 * Data and user text must display literally. Markdown characters get a backslash (Discord hides a
 * backslash before any punctuation); line-start syntax (quotes, headings, lists) likewise; mention
 * syntax is broken with a zero-width space so it cannot even *look* like a ping (allowed_mentions
 * already stops real pings). One pass per rule: @discordjs/formatters' escapeMarkdown is quadratic in
 * the input length (5,000 characters ≈ 100 ms) and ~25 µs even for short strings.
 */
export function escapeDiscord(text: string): string {
  // Most figures, labels and sentences contain none of it: one scan instead of four replacing passes.
  if (!NEEDS_ESCAPING.test(text)) return text;
  return breakMentions(text.replace(/[\\*_~`|[\]]/g, '\\$&').replace(/^(\s*)(>|#|-|\d+\.)/gm, '$1\\$2'));
}

/** Inside a code block only a backtick can end it early: break every backtick run (and mentions, for copy-paste). */
export function escapeCodeBlock(text: string): string {
  return breakMentions(text.replace(/`/g, `\`${ZWSP}`));
}

/** Footers don't render markdown, but mention syntax is still broken there, so nothing even looks like a ping. */
export function breakMentions(text: string): string {
  if (!MENTION_LIKE.test(text)) return text;
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<([@#]|@&|\/|:|a:|t:)/g, `<${ZWSP}$1`);
}
