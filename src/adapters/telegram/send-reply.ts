import { GrammyError, InputFile, type Api } from 'grammy';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { Message } from '../../core/message/message.js';
import { truncate } from '../../core/message/truncate.js';
import { TELEGRAM_MAX_CAPTION } from './render-html.js';
import type { TelegramPart } from './render-reply.js';

/** A chart drawn for a reply, sent as a photo after the text. */
export interface ChartPhoto {
  png: Uint8Array;
  caption: string;
}

/** The message's chart as a photo, when it has one and the bot can draw. */
export async function chartPhoto(message: Message, renderChart: ChartRenderer | undefined): Promise<ChartPhoto | undefined> {
  if (message.chart === undefined || renderChart === undefined) return undefined;
  return { png: await renderChart(message.chart), caption: message.chart.altText };
}

const HTML = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

/** Sends a reply's parts (the keyboard rides on the last) and its chart as a photo; the first part answers `replyTo`. */
export async function sendParts(api: Api, chatId: string, parts: readonly TelegramPart[], chart: ChartPhoto | undefined, replyTo?: number): Promise<void> {
  for (const [i, part] of parts.entries()) {
    await api.sendMessage(chatId, part.html, {
      ...HTML,
      ...(part.replyMarkup === undefined ? {} : { reply_markup: part.replyMarkup }),
      ...(i === 0 && replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
    });
  }
  if (chart !== undefined) await api.sendPhoto(chatId, new InputFile(Buffer.from(chart.png), 'chart.png'), { caption: truncate(chart.caption, TELEGRAM_MAX_CAPTION) });
}

/** Replaces a text message with one part (its keyboard too: none given removes the old one). */
export async function editPart(api: Api, chatId: string, messageId: number, part: TelegramPart): Promise<void> {
  try {
    await api.editMessageText(chatId, messageId, part.html, { ...HTML, ...(part.replyMarkup === undefined ? {} : { reply_markup: part.replyMarkup }) });
  } catch (error) {
    // The same button clicked twice: the message already shows this result.
    if (error instanceof GrammyError && error.error_code === 400 && /message is not modified/i.test(error.description)) return;
    throw error;
  }
}
