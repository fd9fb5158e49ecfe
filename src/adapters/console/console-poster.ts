import type { ChannelPoster } from '../../core/delivery/channel-poster.js';
import { renderText } from '../../core/message/render-text.js';

/** Delivers digests and alerts for console subscriptions by printing them. */
export function createConsolePoster(output: NodeJS.WritableStream): ChannelPoster {
  return {
    platform: 'console',
    perChannelIntervalMs: 0,
    globalRatePerSecond: 100,
    async post(_channel, message) {
      output.write(`\n${renderText(message)}\n\n`);
      return { kind: 'ok' };
    },
  };
}
