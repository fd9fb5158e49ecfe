import type { Message } from '../core/message/message.js';
import { renderText } from '../core/message/render-text.js';
import { renderBlockKit } from '../adapters/slack/render-block-kit.js';

/** How `ask --format X` prints a reply. Each platform adds its payload here. */
export const OUTPUT_FORMATS: Record<string, (message: Message) => string> = {
  text: renderText,
  json: (message) => JSON.stringify(message, null, 2),
  /** Exactly what chat.postMessage receives: { text, blocks }. */
  slack: (message) => JSON.stringify(renderBlockKit(message), null, 2),
};
