import { describe, expect, it, vi } from 'vitest';
import { OutboxSender } from '../../../src/app/delivery/outbox-sender.js';
import { TokenBucket } from '../../../src/app/delivery/token-bucket.js';
import type { ChannelPoster } from '../../../src/core/delivery/channel-poster.js';
import { createMessage } from '../../../src/core/message/message.js';
import type { Store } from '../../../src/store/store.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { newSubscription } from '../../helpers/subscriptions.js';
import { until } from '../../helpers/until.js';

const message = createMessage({ title: 'Digest', fallbackText: 'Digest' });

/** The store, counting calls of `reserveDue` and the sizes of `markSending` batches. */
function counting(store: Store) {
  const calls = { reads: 0, marks: [] as number[] };
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (prop === 'reserveDue') calls.reads += 1;
        if (prop === 'markSending') calls.marks.push((args[0] as readonly number[]).length);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

async function queue(store: Store, channels: number): Promise<void> {
  for (let c = 0; c < channels; c += 1) {
    const { subscription } = await store.subscribe(newSubscription({ platform: 'chat', channelId: `C${c}` }), []);
    await store.queueDigest(subscription.id, 'slot', `digest:${c}`, message, Date.now());
  }
}

function platform(ratePerSecond: number) {
  const posted = new Map<string, number>();
  const poster: ChannelPoster = {
    platform: 'chat',
    perChannelIntervalMs: 0,
    globalRatePerSecond: ratePerSecond,
    post: async (_channel, _message, { idempotencyKey }) => {
      await new Promise((r) => setTimeout(r, 5));
      posted.set(idempotencyKey, (posted.get(idempotencyKey) ?? 0) + 1);
      return { kind: 'ok' };
    },
  };
  return { poster, posted };
}

describe('outbox sender passes', () => {
  it('marks the posts that start together as sending in one write, and sends each once', async () => {
    const base = new SqliteStore(':memory:');
    await queue(base, 300);
    const { store, calls } = counting(base);
    const chat = platform(10_000);
    const sender = new OutboxSender({ store, posters: [chat.poster], logger: memoryLogger().logger, concurrency: 32 });
    await sender.start();
    await until(() => chat.posted.size === 300);
    await sender.stop();
    expect([...chat.posted.values()].every((n) => n === 1)).toBe(true);
    expect(calls.marks.reduce((a, b) => a + b, 0)).toBe(300);
    // Slots freed while a pass waits are filled together: far fewer writes than posts.
    expect(calls.marks.length).toBeLessThan(300 / 4);
    await base.close();
  });

  it('does not re-read the same window while everything it holds waits for its rate', async () => {
    const base = new SqliteStore(':memory:');
    // More posts than one read holds at most (5,000), on a platform that takes 2 a second.
    await queue(base, 5_200);
    const { store, calls } = counting(base);
    const chat = platform(2);
    const sender = new OutboxSender({ store, posters: [chat.poster], logger: memoryLogger().logger, pollMs: 1000 });
    await sender.start();
    await new Promise((r) => setTimeout(r, 2_000));
    await sender.stop();
    // The read grows to its largest (a handful of reads) and is then renewed once per poll; re-reading
    // whenever a pass found nothing to post was a read every 20 ms (about a hundred in two seconds).
    expect(calls.reads).toBeLessThan(15);
    expect(chat.posted.size).toBeGreaterThanOrEqual(2);
    expect([...chat.posted.values()].every((n) => n === 1)).toBe(true);
    await base.close();
  }, 30_000);

  it('sleeps between passes while a backlog waits for its rate, even when its next read is several polls away', async () => {
    const base = new SqliteStore(':memory:');
    await queue(base, 5_200);
    const chat = platform(2);
    const sender = new OutboxSender({ store: base, posters: [chat.poster], logger: memoryLogger().logger, pollMs: 100 });
    await sender.start();
    await new Promise((r) => setTimeout(r, 1_000)); // the read has grown to its largest
    const takes = vi.spyOn(TokenBucket.prototype, 'tryTake');
    await new Promise((r) => setTimeout(r, 1_000));
    const calls = takes.mock.calls.length;
    takes.mockRestore();
    await sender.stop();
    // A pass looks at every held post (5,000): a pass per poll (10/s here), per token and per finished post
    // is under twenty a second (~90,000 looks). Waking for a read still polls away made every pass after a
    // poll a busy one (~790,000).
    expect(calls).toBeLessThan(40 * 5_000);
    expect(calls).toBeGreaterThan(0);
    await base.close();
  }, 30_000);
});
