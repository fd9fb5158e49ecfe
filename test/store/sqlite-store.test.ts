import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createMessage } from '../../src/core/message/message.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { newSubscription } from '../helpers/subscriptions.js';

const dir = mkdtempSync(join(tmpdir(), 'rivalry-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const message = createMessage({ title: 't', fallbackText: 't' });

describe('SqliteStore', () => {
  it('creates the file and its folder on first use, in WAL mode, at the latest schema version', async () => {
    const path = join(dir, 'nested', 'rivalry.db');
    const store = new SqliteStore(path);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: Math.max(...MIGRATIONS.map((m) => m.version)) });
    db.close();
    // Reopening applies nothing twice.
    await new SqliteStore(path).close();
  });

  it('keeps workspaces apart', async () => {
    const store = new SqliteStore(':memory:');
    await store.subscribe(newSubscription({ workspaceId: 'T1', channelId: 'C1' }), []);
    await store.subscribe(newSubscription({ workspaceId: 'T2', channelId: 'C1' }), []);
    await store.subscribe(newSubscription({ platform: 'discord', workspaceId: 'T1', channelId: 'C1' }), []);
    expect((await store.listForWorkspace('slack', 'T1')).map((s) => `${s.workspaceId}/${s.channelId}`)).toEqual(['T1/C1']);
    expect(await store.unsubscribe({ platform: 'slack', workspaceId: 'T2', channelId: 'C1' }, 'amazon-vs-walmart')).toBe(true);
    expect(await store.listForWorkspace('slack', 'T1')).toHaveLength(1);
    expect(await store.listForWorkspace('discord', 'T1')).toHaveLength(1);
  });

  it('re-subscribing updates the schedule in place and re-enables a disabled subscription', async () => {
    const store = new SqliteStore(':memory:');
    const { subscription } = await store.subscribe(newSubscription(), []);
    await store.queueDigest(subscription.id, '2026-01-02T09:00:00.000Z', 'd1', message, 1);
    const [item] = await store.dueItems(10, 10);
    await store.markRejected(item?.id ?? 0, 'not_in_channel: invite the app', 2);
    expect((await store.listForWorkspace('slack', 'T0001'))[0]?.disabledReason).toBe('not_in_channel: invite the app');
    expect(await store.activeSubscriptions()).toEqual([]);
    const again = await store.subscribe(newSubscription({ schedule: { time: '10:00' } }), []);
    expect(again.created).toBe(false);
    expect(again.subscription.disabledReason).toBeUndefined();
    expect(again.subscription.schedule.time).toBe('10:00');
  });

  it('queues each idempotency key once; settles items through their states', async () => {
    const store = new SqliteStore(':memory:');
    const { subscription } = await store.subscribe(newSubscription(), []);
    expect(await store.queueDigest(subscription.id, 's1', 'digest:1:s1', message, 100)).toBe(true);
    expect(await store.queueDigest(subscription.id, 's1', 'digest:1:s1', message, 100)).toBe(false);
    const [item] = await store.dueItems(100, 10);
    await store.markSending(item?.id ?? 0);
    expect(await store.recoverInFlight()).toBe(1);
    const [recovered] = await store.dueItems(100, 10);
    expect(recovered).toMatchObject({ uncertain: true, attempts: 1, status: 'pending' });
    await store.markRetry(recovered?.id ?? 0, 500, '429', { refundAttempt: true });
    expect(await store.dueItems(499, 10)).toEqual([]);
    expect((await store.dueItems(500, 10))[0]?.attempts).toBe(0);
    await store.markSent(recovered?.id ?? 0, 600);
    expect(await store.outboxCounts()).toEqual({ pending: 0, sending: 0, sent: 1, dead: 0, rejected: 0 });
  });
});
