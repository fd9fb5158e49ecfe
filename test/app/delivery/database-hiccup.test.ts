import { describe, expect, it } from 'vitest';
import { OutboxSender } from '../../../src/app/delivery/outbox-sender.js';
import type { ChannelPoster, PostOptions } from '../../../src/core/delivery/channel-poster.js';
import { createMessage } from '../../../src/core/message/message.js';
import type { Store } from '../../../src/store/store.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { newSubscription } from '../../helpers/subscriptions.js';
import { until } from '../../helpers/until.js';

/** The store, except that the named methods throw the first time they are called (the database went away for a moment). */
function flaky(store: Store, failOnce: ReadonlyArray<keyof Store>): Store {
  const failed = new Set<PropertyKey>();
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (failOnce.includes(prop as keyof Store) && !failed.has(prop)) {
          failed.add(prop);
          return Promise.reject(new Error('Connection terminated unexpectedly'));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe('outbox sender when the database fails for a moment', () => {
  it('keeps delivering, and a post it could not record is checked, not sent twice', async () => {
    const store = new SqliteStore(':memory:');
    const posted = new Map<string, number>();
    const checked: string[] = [];
    const poster: ChannelPoster = {
      platform: 'slack',
      perChannelIntervalMs: 0,
      globalRatePerSecond: 100,
      // Like the real posters: an uncertain post is looked for in the channel first.
      post: async (_channel, _message, { idempotencyKey, uncertain }: PostOptions) => {
        if (uncertain) checked.push(idempotencyKey);
        if (!(uncertain && posted.has(idempotencyKey))) posted.set(idempotencyKey, (posted.get(idempotencyKey) ?? 0) + 1);
        return { kind: 'ok' };
      },
    };
    for (const c of ['C1', 'C2']) {
      const { subscription } = await store.subscribe(newSubscription({ channelId: c }), []);
      await store.queueDigest(subscription.id, 'slot', `digest:${c}`, createMessage({ title: 'Digest', fallbackText: 'Digest' }), Date.now());
    }
    const log = memoryLogger();
    const sender = new OutboxSender({ store: flaky(store, ['reserveDue', 'markSending', 'markSent']), posters: [poster], logger: log.logger, pollMs: 100, leaseMs: 300 });
    await sender.start();
    await until(async () => (await store.outboxCounts()).sent === 2, 10_000);
    await sender.stop();

    expect([...posted.entries()].sort()).toEqual([['digest:C1', 1], ['digest:C2', 1]]);
    // The posts whose "sent" was lost (the first batch recorded) came back uncertain and were found, not re-sent.
    expect(checked.length).toBeGreaterThanOrEqual(1);
    expect(log.text()).toContain('recording posts as sent failed');
    expect(log.text()).toContain('reading the outbox failed; retrying');
    // The posts that could not be marked "sending" were not posted then: they stayed queued and went later, once.
    expect(log.text()).toContain('marking posts as sending failed; they stay queued');
    await store.close();
  });
});
