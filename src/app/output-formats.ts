import type { Message } from '../core/message/message.js';
import { renderText } from '../core/message/render-text.js';

type Render = (message: Message) => string;

/**
 * How `ask --format X` prints a reply. Platform renderers are loaded only when asked for, so the
 * console and plain `ask` don't pay for their SDK types at start-up.
 */
export const OUTPUT_FORMATS: Record<string, () => Promise<Render>> = {
  text: async () => renderText,
  json: async () => (message) => JSON.stringify(message, null, 2),
  /** Exactly what chat.postMessage receives: { text, blocks }. */
  slack: async () => {
    const { renderBlockKit } = await import('../adapters/slack/render-block-kit.js');
    return (message) => JSON.stringify(renderBlockKit(message), null, 2);
  },
  /** Exactly what an interaction reply or channel post receives: { content, embeds, components, allowed_mentions }. */
  discord: async () => {
    const { renderEmbeds } = await import('../adapters/discord/render-embeds.js');
    return (message) => JSON.stringify(renderEmbeds(message), null, 2);
  },
  /** The messages Telegram receives: HTML parts, the inline keyboard on the last. */
  telegram: async () => {
    const { renderTelegramReply } = await import('../adapters/telegram/render-reply.js');
    return (message) => JSON.stringify(renderTelegramReply(message), null, 2);
  },
};
