import { describe, expect, it } from 'vitest';
import { OutboxSender } from '../../../src/app/delivery/outbox-sender.js';
import { createMessage } from '../../../src/core/message/message.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { newSubscription } from '../../helpers/subscriptions.js';
import { until } from '../../helpers/until.js';

describe('outbox retention', () => {
  it('deletes sent posts older than the retention, keeping recent and dead ones', async () => {
    const store = new SqliteStore(':memory:');
    const { subscription } = await store.subscribe(newSubscription(), []);
    const message = createMessage({ title: 'Digest', fallbackText: 'Digest' });
    const day = 86_400_000;
    for (const [slot, sentAgo] of [['old', 40 * day], ['recent', 2 * day]] as const) {
      await store.queueDigest(subscription.id, slot, `digest:${slot}`, message, Date.now() - sentAgo);
      const item = (await store.outboxItems()).find((i) => i.key === `digest:${slot}`);
      await store.markSending([item?.id ?? 0], Date.now() - sentAgo, 'test', Date.now() - sentAgo);
      await store.markSent([item?.id ?? 0], Date.now() - sentAgo);
    }
    await store.queueDigest(subscription.id, 'dead', 'digest:dead', message, Date.now() - 40 * day);
    await store.markDead((await store.outboxItems('pending'))[0]?.id ?? 0, 'gave up', Date.now() - 40 * day);

    const log = memoryLogger();
    const sender = new OutboxSender({ store, posters: [], logger: log.logger, retentionMs: 30 * day });
    await sender.start();
    await until(async () => (await store.outboxCounts()).sent === 1);
    await sender.stop();
    expect((await store.outboxItems()).map((i) => `${i.key} ${i.status}`)).toEqual(['digest:recent sent', 'digest:dead dead']);
    expect(log.text()).toContain('deleted old sent posts from the outbox');
    await store.close();
  });
});
