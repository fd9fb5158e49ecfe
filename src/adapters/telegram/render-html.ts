import type { Message } from '../../core/message/message.js';
import { renderTableText } from '../../core/message/render-text.js';
import { andMore, truncate } from '../../core/message/truncate.js';

/** Telegram's limit for one message's text. */
export const TELEGRAM_MAX_CHARS = 4096;
/** …and for a photo caption. */
export const TELEGRAM_MAX_CAPTION = 1024;

/** Telegram HTML knows only &, < and > as special: escaped, no data or user text can form a tag or link. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Splits a preformatted block by lines into <pre> pieces that each fit. */
function preBlocks(text: string, max: number): string[] {
  const blocks: string[] = [];
  let lines: string[] = [];
  const wrap = (l: string[]) => `<pre>${l.join('\n')}</pre>`;
  for (const raw of text.split('\n')) {
    const line = escapeHtml(truncate(raw, max - 20));
    if (lines.length > 0 && wrap([...lines, line]).length > max) {
      blocks.push(wrap(lines));
      lines = [];
    }
    lines.push(line);
  }
  if (lines.length > 0) blocks.push(wrap(lines));
  return blocks;
}

/**
 * Neutral message → Telegram HTML, as one or more messages of at most 4,096 characters: bold title,
 * summary, fields, the table in <pre> (split by rows when long), context in italics. Every string is
 * escaped; nothing is lost to the limit except what a single over-long line can't hold.
 */
export function renderTelegramHtml(message: Message, max = TELEGRAM_MAX_CHARS): string[] {
  const blocks: string[] = [`<b>${escapeHtml(truncate(`${message.severity === 'error' ? '⚠️ ' : ''}${message.title}`, 300))}</b>`];
  if (message.summary !== undefined && message.summary !== '') blocks.push(escapeHtml(truncate(message.summary, max - 100)));
  for (const f of message.fields) blocks.push(`<b>${escapeHtml(truncate(f.label, 200))}</b>\n${escapeHtml(truncate(f.value, max - 300))}`);
  if (message.table !== undefined) blocks.push(...preBlocks(renderTableText(message.table), max));
  if (message.context.length > 0) blocks.push(...message.context.map((c) => `<i>${escapeHtml(truncate(c, max - 20))}</i>`));

  const chunks: string[] = [];
  let current = '';
  for (const block of blocks) {
    const joined = current === '' ? block : `${current}\n\n${block}`;
    if (joined.length <= max) {
      current = joined;
    } else {
      if (current !== '') chunks.push(current);
      current = block.length <= max ? block : `${block.slice(0, max - 40)}\n${andMore(1, 'part')}`;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}
