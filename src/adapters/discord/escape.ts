import { escapeMarkdown } from '@discordjs/formatters';

const ZWSP = '\u200b';

/**
 * Data and user text must display literally: markdown is escaped, and mention syntax is broken with a
 * zero-width space so it cannot even *look* like a ping (allowed_mentions already stops real pings).
 */
export function escapeDiscord(text: string): string {
  return breakMentions(escapeMarkdown(text));
}

/** Inside a code block only a backtick can end it early: break every backtick run (and mentions, for copy-paste). */
export function escapeCodeBlock(text: string): string {
  return breakMentions(text.replace(/`/g, `\`${ZWSP}`));
}

function breakMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<([@#]|@&|\/|:|a:|t:)/g, `<${ZWSP}$1`);
}
