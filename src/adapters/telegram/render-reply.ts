import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Message } from '../../core/message/message.js';
import { andMore } from '../../core/message/truncate.js';
import { inlineKeyboard } from './inline-keyboard.js';
import { renderTelegramHtml, TELEGRAM_MAX_CHARS } from './render-html.js';

/** One Telegram message of a reply: its HTML, and the inline keyboard when it is the last part. */
export interface TelegramPart {
  html: string;
  replyMarkup?: InlineKeyboardMarkup;
}

/**
 * Pure: a neutral message → the Telegram messages that carry it. The text is split within 4,096
 * characters; the actions become an inline keyboard on the last part, so the buttons sit under the
 * whole reply. Choices beyond the keyboard's limit are counted in a closing line.
 */
export function renderTelegramReply(message: Message, max = TELEGRAM_MAX_CHARS): TelegramPart[] {
  const parts = renderTelegramHtml(message, max);
  const { rows, hidden } = inlineKeyboard(message.actions);
  if (hidden > 0) {
    const note = `<i>${andMore(hidden, 'choice')} not shown as buttons: type the command instead.</i>`;
    const last = parts.at(-1);
    if (last !== undefined && last.length + 2 + note.length <= max) parts[parts.length - 1] = `${last}\n\n${note}`;
    else parts.push(note);
  }
  return parts.map((html, i) => (i === parts.length - 1 && rows.length > 0 ? { html, replyMarkup: { inline_keyboard: rows } } : { html }));
}
