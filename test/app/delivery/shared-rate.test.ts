import { describe, expect, it } from 'vitest';
import { OutboxSender } from '../../../src/app/delivery/outbox-sender.js';
import type { ChannelPoster, PostOutcome } from '../../../src/core/delivery/channel-poster.js';
import { createMessage } from '../../../src/core/message/message.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { newSubscription } from '../../helpers/subscriptions.js';
import { until } from '../../helpers/until.js';

const message = createMessage({ title: 'Digest', fallbackText: 'Digest' });

/** A platform that allows `rate` posts a second to the whole bot (bursts of one second's worth) and answers the rest with a global 429. */
function limitedPlatform(rate: number, configured: number) {
  let tokens = rate;
  let at = Date.now();
  const stats = { posted: new Map<string, number>(), limited: 0 };
  const poster = (): ChannelPoster => ({
    platform: 'chat',
    perChannelIntervalMs: 0,
    globalRatePerSecond: configured,
    post: async (_channel, _message, { idempotencyKey }): Promise<PostOutcome> => {
      const now = Date.now();
      tokens = Math.min(rate, tokens + ((now - at) / 1000) * rate);
      at = now;
      if (tokens < 1) {
        stats.limited += 1;
        return { kind: 'retry-after', ms: 1000, scope: 'global', reason: 'rate limited' };
      }
      tokens -= 1;
      stats.posted.set(idempotencyKey, (stats.posted.get(idempotencyKey) ?? 0) + 1);
      return { kind: 'ok' };
    },
  });
  return { poster, stats };
}

describe('senders sharing one platform rate', () => {
  it('split the rate between them (no 429s with two senders each configured at the full rate) and share a pause', async () => {
    const store = new SqliteStore(':memory:');
    // Configured a little under the real limit, as in production (timers are not exact).
    const platform = limitedPlatform(20, 19);
    const { logger } = memoryLogger();
    const senders = [0, 1].map(() => new OutboxSender({ store, posters: [platform.poster()], logger, pollMs: 200 }));
    for (const s of senders) await s.start();
    // Both have said they are alive before any post is due.
    await until(async () => (await store.senderHeartbeat('probe', Date.now(), Date.now() - 5000)).senders === 3);
    await store.removeSender('probe', Date.now());
    await new Promise((r) => setTimeout(r, 400));

    for (let c = 0; c < 60; c += 1) {
      const { subscription } = await store.subscribe(newSubscription({ platform: 'chat', channelId: `C${c}` }), []);
      await store.queueDigest(subscription.id, 'slot', `digest:${c}`, message, Date.now());
    }
    for (const s of senders) s.notify();
    await until(() => platform.stats.posted.size === 60, 20_000);
    expect(platform.stats.limited).toBe(0);
    expect([...platform.stats.posted.values()].every((n) => n === 1)).toBe(true);

    // A global 429 seen by one sender reaches the store, so the other holds off too.
    await store.pausePlatform('chat', Date.now() + 60_000);
    const { subscription } = await store.subscribe(newSubscription({ platform: 'chat', channelId: 'late' }), []);
    await store.queueDigest(subscription.id, 'slot', 'digest:late', message, Date.now());
    for (const s of senders) s.notify();
    await new Promise((r) => setTimeout(r, 1000));
    expect(platform.stats.posted.has('digest:late')).toBe(false);
    for (const s of senders) await s.stop();
    await store.close();
  }, 30_000);
});
