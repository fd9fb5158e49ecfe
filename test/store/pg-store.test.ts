import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { PG_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { runStoreContract } from './store-contract.js';
import { runCatalogContract } from './catalog-contract.js';
import { runOpsContract } from './ops-contract.js';
import { createMessage } from '../../src/core/message/message.js';
import { newSubscription } from '../helpers/subscriptions.js';
import { freshDatabase as createDatabase } from '../helpers/fresh-database.js';

const serverUrl = inject('pgUrl');

const freshDatabase = () => createDatabase(serverUrl);

if (serverUrl === '') {
  describe.skip('store contract: postgres (SKIPPED: no PostgreSQL server could be started)', () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  runStoreContract('postgres', async () => PgStore.open(await freshDatabase()));
  runCatalogContract('postgres', async () => PgStore.open(await freshDatabase()));
  runOpsContract('postgres', async () => PgStore.open(await freshDatabase()));

  describe('PgStore migrations', () => {
    it('has the same schema versions as SQLite', () => {
      expect(PG_MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    });

    it('lets replicas that start together migrate once, under the advisory lock', async () => {
      const url = await freshDatabase();
      const stores = await Promise.all(Array.from({ length: 4 }, () => PgStore.open(url)));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const versions = (await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
      await client.end();
      expect(versions).toEqual(PG_MIGRATIONS.map((m) => m.version));
      await Promise.all(stores.map((s) => s.close()));
    });
  });

  describe('PgStore reservations under concurrency', () => {
    it('never splits one channel\'s posts between two senders reserving at the same moment', async () => {
      const url = await freshDatabase();
      const [a, b] = await Promise.all([PgStore.open(url), PgStore.open(url)]);
      if (a === undefined || b === undefined) throw new Error('stores');
      const message = createMessage({ title: 't', fallbackText: 't' });
      const subs = [];
      for (let c = 0; c < 40; c += 1) subs.push((await a.subscribe(newSubscription({ channelId: `C${c}` }), [])).subscription.id);
      // Two posts per channel, far apart in queue order, so a sender's batch can hold one without the other.
      for (const round of ['x', 'y']) for (const id of subs) await a.queueDigest(id, round, `digest:${id}:${round}`, message, 10);
      const [mine, theirs] = await Promise.all([a.reserveDue(10, 40, 'one', 1000), b.reserveDue(10, 80, 'two', 1000)]);
      const channels = (items: typeof mine) => new Set(items.map((i) => i.channel.channelId));
      const shared = [...channels(mine)].filter((c) => channels(theirs).has(c));
      expect(shared).toEqual([]);
      expect(mine.length + theirs.length).toBeGreaterThan(0);
      await Promise.all([a.close(), b.close()]);
    });

    it('re-reads held posts without rewriting a reservation that has half its span left, and renews it after', async () => {
      const url = await freshDatabase();
      const store = await PgStore.open(url);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { subscription } = await store.subscribe(newSubscription({ channelId: 'CHELD' }), []);
      await store.queueDigest(subscription.id, 's', 'digest:held', createMessage({ title: 't', fallbackText: 't' }), 10);
      const row = async () => (await client.query<{ xmin: string; reserved_until: string }>("SELECT xmin, reserved_until FROM outbox WHERE idempotency_key = 'digest:held'")).rows[0];
      expect((await store.reserveDue(10, 5, 'one', 1010)).map((i) => i.key)).toEqual(['digest:held']);
      const first = await row();
      // 600 of the 1,000 ms span left: returned, not rewritten (same row version), still held against others.
      expect((await store.reserveDue(410, 5, 'one', 1410)).map((i) => i.key)).toEqual(['digest:held']);
      expect(await row()).toEqual(first);
      expect(await store.reserveDue(420, 5, 'two', 1420)).toEqual([]);
      // Under half left: renewed to the new end.
      expect((await store.reserveDue(600, 5, 'one', 1600)).map((i) => i.key)).toEqual(['digest:held']);
      expect((await row())?.reserved_until).toBe('1600');
      expect(await store.reserveDue(1500, 5, 'two', 2500)).toEqual([]);
      await client.end();
      await store.close();
    });

    it('refreshes the outbox statistics as a fan-out (of digests or alerts) grows it, so the planner stops taking it for a tiny table', async () => {
      const url = await freshDatabase();
      const store = await PgStore.open(url);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query("ALTER TABLE outbox SET (autovacuum_enabled = false)");
      await client.query(
        `INSERT INTO subscriptions (platform, workspace_id, channel_id, rivalry, schedule, alerts_only, with_chart, created_by, created_at)
         SELECT 'slack', 'T1', 'C' || i, 'amazon-vs-walmart', '{"frequency":"daily","time":"09:00","zone":"UTC"}'::jsonb, FALSE, FALSE, 'U1', '2026-01-01T00:00:00.000Z'
         FROM generate_series(1, 12000) AS i`,
      );
      const ids = (await client.query<{ id: string }>('SELECT id FROM subscriptions ORDER BY id')).rows.map((r) => Number(r.id));
      const tuples = async () => Number((await client.query<{ n: number }>("SELECT reltuples AS n FROM pg_class WHERE relname = 'outbox'")).rows[0]?.n);
      const queue = (part: number[]) =>
        store.digests.queueDigests(part.map((id) => ({ subscriptionId: id, slot: 's', key: `digest:${id}:s`, payloadHash: 'h', nextDueAt: 2000, sendFrom: 1000 })), new Map([['h', createMessage({ title: 't', fallbackText: 't' })]]), 1000);
      await queue(ids.slice(0, 9_990));
      expect(await tuples()).toBeLessThan(1); // never analysed: -1 (or 0)
      // Alerts count too: the 10th of these makes 10,000 posts queued here.
      for (const id of ids.slice(9_990, 10_000)) await store.queueAlert(id, ['m1'], `alert:${id}`, createMessage({ title: 'a', fallbackText: 'a' }), 1000);
      expect(await tuples()).toBeGreaterThan(9_000); // analysed once 10,000 posts were queued here
      await client.end();
      await store.close();
    });
  });
}
