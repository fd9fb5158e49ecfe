import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { ChannelPoster, PostOutcome } from '../../core/delivery/channel-poster.js';
import { truncate } from '../../core/message/truncate.js';
import { renderTelegramHtml, TELEGRAM_MAX_CAPTION } from './render-html.js';

/** Errors after which a chat will never accept posts from us (bot removed, chat gone). */
function isPermanent(error: GrammyError): boolean {
  return error.error_code === 403 || (error.error_code === 400 && /chat not found|chat_write_forbidden|not enough rights|have no rights/i.test(error.description));
}

export function outcomeOf(error: unknown): PostOutcome {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return { kind: 'retry-after', ms: (error.parameters.retry_after ?? 1) * 1000, scope: 'channel', reason: error.description };
    if (isPermanent(error)) return { kind: 'rejected', reason: `${error.error_code}: ${error.description}` };
    return { kind: 'transient', reason: `${error.error_code}: ${error.description}` };
  }
  if (error instanceof HttpError) return { kind: 'transient', reason: error.message };
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
}

/** Sends a message's HTML parts (and its chart as a photo) to a chat. */
export async function sendToChat(api: Api, chatId: string, html: string[], chart: { png: Uint8Array; caption: string } | undefined, replyTo?: number): Promise<void> {
  for (const [i, text] of html.entries()) {
    await api.sendMessage(chatId, text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(i === 0 && replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}) });
  }
  if (chart !== undefined) await api.sendPhoto(chatId, new InputFile(Buffer.from(chart.png), 'chart.png'), { caption: truncate(chart.caption, TELEGRAM_MAX_CAPTION) });
}

/**
 * Posts for the outbox. Telegram's Bot API takes no idempotency key, so a post that was in flight when
 * the process died may be sent again (the capability says so).
 */
export function createTelegramPoster(api: Api, options: { renderChart?: ChartRenderer; globalRatePerSecond?: number } = {}): ChannelPoster {
  return {
    platform: 'telegram',
    // Telegram allows about one message per second per chat, 20 a minute in groups, 30 a second overall.
    perChannelIntervalMs: 3000,
    globalRatePerSecond: options.globalRatePerSecond ?? 25,
    async post(chatId, message) {
      try {
        const chart = message.chart !== undefined && options.renderChart !== undefined ? { png: await options.renderChart(message.chart), caption: message.chart.altText } : undefined;
        await sendToChat(api, chatId, renderTelegramHtml(message), chart);
        return { kind: 'ok' };
      } catch (error) {
        return outcomeOf(error);
      }
    },
  };
}
