import { GrammyError, HttpError, type Api } from 'grammy';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { ChannelPoster, PostOutcome } from '../../core/delivery/channel-poster.js';
import type { Message } from '../../core/message/message.js';
import { renderedOnce } from '../../core/message/rendered-once.js';
import { renderTelegramReply } from './render-reply.js';
import { chartPhoto, sendParts } from './send-reply.js';

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

/**
 * Posts for the outbox. Telegram's Bot API takes no idempotency key, so a post that was in flight when
 * the process died may be sent again (the capability says so).
 */
export function createTelegramPoster(api: Api, options: { renderChart?: ChartRenderer; globalRatePerSecond?: number } = {}): ChannelPoster {
  const render = renderedOnce((message: Message) => renderTelegramReply(message));
  return {
    platform: 'telegram',
    // Telegram allows about one message per second per chat, 20 a minute in groups, 30 a second overall.
    perChannelIntervalMs: 3000,
    globalRatePerSecond: options.globalRatePerSecond ?? 25,
    async post(chatId, message) {
      try {
        // Digests and alerts carry their buttons too (Compare now, Scoreboard): clicks work like on any reply.
        await sendParts(api, chatId, render(message), await chartPhoto(message, options.renderChart));
        return { kind: 'ok' };
      } catch (error) {
        return outcomeOf(error);
      }
    },
  };
}
