import { escapeMarkdown } from '@discordjs/formatters';

const ZWSP = '\u200b';

/**
 * Data and user text must display literally: markdown is escaped, and mention syntax is broken with a
 * zero-width space so it cannot even *look* like a ping (allowed_mentions already stops real pings).
 */
export function escapeDiscord(text: string): string {
  return escapeMarkdown(text)
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<([@#]|@&|\/|:|a:|t:)/g, `<${ZWSP}$1`);
}

/** Inside a code block only the closing fence can escape: break any backtick run. */
export function escapeCodeBlock(text: string): string {
  return text.replace(/`/g, `\`${ZWSP}`).replace(/@(everyone|here)/gi, `@${ZWSP}$1`);
}
