import { truncate } from '../../core/message/truncate.js';

/**
 * Slack parses &, < and > in mrkdwn and in top-level text as control sequences (<!channel>, <@U123>,
 * <http://x|label>). Escaping them makes every data or user string display literally.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes, then shortens to `max` without cutting an entity such as "&amp;" in half. */
export function escapeAndTruncate(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if ([...escaped].length <= max) return escaped;
  return truncate(escaped, max).replace(/&[a-z]{0,4}…$/, '…');
}

/**
 * plain_text is not parsed for mentions, and entities would show literally there. As defence in depth,
 * angle brackets become look-alike quotation marks so no markup can ever form; control characters go.
 */
export function plainText(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  return truncate(text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/</g, '‹').replace(/>/g, '›'), max);
}
