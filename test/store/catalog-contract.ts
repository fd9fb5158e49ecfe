import { describe, expect, it } from 'vitest';
import type { Rivalry } from '../../src/core/data/schema.js';
import { createMessage } from '../../src/core/message/message.js';
import { pairKey } from '../../src/core/tracking/tracking-service.js';
import type { Store } from '../../src/store/store.js';
import { bundledRivalry } from '../helpers/bundled.js';
import { newSubscription } from '../helpers/subscriptions.js';
import { syntheticRivalry } from '../helpers/synthetic.js';
import { until } from '../helpers/until.js';
import { storeTest } from './store-contract.js';

const message = createMessage({ title: 't', fallbackText: 't' });

/** A rivalry of two made-up companies whose CIKs follow from their ids (so different ids are different companies). */
function tracked(slug: string, ids: [string, string] = ['nvda', 'amd']): Rivalry {
  const rivalry = syntheticRivalry([{ id: ids[0], values: [10, 20, 30] }, { id: ids[1], values: [15, 18, 21] }], slug);
  const cik = (id: string) => String([...id].reduce((n, ch) => n * 31 + ch.charCodeAt(0), 7) % 1e9).padStart(10, '0');
  return { ...rivalry, companies: rivalry.companies.map((c) => ({ ...c, cik: cik(c.id) })) };
}
const pairOf = (r: Rivalry) => pairKey(r.companies.map((c) => c.cik));
const entry = (workspace: string, rivalry: Rivalry, by = 'U1') => ({ workspace, slug: rivalry.slug, pairKey: pairOf(rivalry), document: rivalry, createdBy: by });

/** The catalog part of every Store: `runCatalogContract('sqlite', open)`. */
export function runCatalogContract(name: string, open: () => Promise<Store>): void {
  describe(`catalog contract: ${name}`, () => {
    const withStore = storeTest(open);

    it('imports shipped files: new ones added, unchanged ones left alone, changed ones replaced', withStore(async (store) => {
      const { catalog } = store;
      expect(await catalog.catalogRevision()).toBe(0);
      const bundled = bundledRivalry();
      expect(await catalog.importRivalryFiles([{ slug: bundled.slug, document: bundled, fileHash: 'h1' }], 1)).toEqual(['added']);
      const revision = await catalog.catalogRevision();
      expect(revision).toBeGreaterThan(0);
      expect(await catalog.importRivalryFiles([{ slug: bundled.slug, document: bundled, fileHash: 'h1' }], 2)).toEqual(['unchanged']);
      expect(await catalog.catalogRevision()).toBe(revision);
      const [stored] = await catalog.catalogDocuments();
      expect(stored).toMatchObject({ slug: 'amazon-vs-walmart', origin: 'file', version: revision });
      expect(stored?.workspace).toBeUndefined();
      expect(stored?.document).toEqual(bundled);
      // A sync's newer figures stay while the file is unchanged; a changed file replaces them.
      const synced = { ...bundled, summary: 'synced' };
      expect(await catalog.updateRivalries([{ slug: bundled.slug, document: synced, expectedVersion: revision }], 'sec sync', 3)).toMatchObject({ ok: true });
      expect(await catalog.importRivalryFiles([{ slug: bundled.slug, document: bundled, fileHash: 'h1' }], 4)).toEqual(['unchanged']);
      expect((await catalog.catalogDocuments())[0]?.document).toMatchObject({ summary: 'synced' });
      expect(await catalog.importRivalryFiles([{ slug: bundled.slug, document: { ...bundled, summary: 'edited' }, fileHash: 'h2' }], 5)).toEqual(['replaced']);
      expect((await catalog.catalogDocuments())[0]?.document).toMatchObject({ summary: 'edited' });
    }));

    it('tracks per workspace: one rivalry per set of companies, slugs unique with shipped ones, a limit', withStore(async (store) => {
      const { catalog } = store;
      const bundled = bundledRivalry();
      await catalog.importRivalryFiles([{ slug: bundled.slug, document: bundled, fileHash: 'h' }], 1);
      expect(await catalog.trackRivalry(entry('slack:T1', tracked('nvda-vs-amd')), 2, 2)).toMatchObject({ kind: 'created' });
      expect(await catalog.trackRivalry(entry('slack:T1', tracked('chips')), 2, 3)).toEqual({ kind: 'exists', slug: 'nvda-vs-amd' });
      expect(await catalog.trackRivalry(entry('slack:T1', tracked('amazon-vs-walmart', ['a', 'b'])), 2, 4)).toEqual({ kind: 'slug-taken' });
      expect(await catalog.trackRivalry(entry('slack:T1', tracked('nvda-vs-amd', ['a', 'b'])), 2, 4)).toEqual({ kind: 'slug-taken' });
      expect(await catalog.trackRivalry(entry('slack:T1', tracked('a-vs-b', ['a', 'b'])), 2, 5)).toMatchObject({ kind: 'created' });
      expect(await catalog.trackRivalry(entry('slack:T1', tracked('c-vs-d', ['c', 'd'])), 2, 6)).toEqual({ kind: 'limit', count: 2 });
      // Another workspace has its own names and its own count.
      expect(await catalog.trackRivalry(entry('discord:G1', tracked('nvda-vs-amd')), 2, 7)).toMatchObject({ kind: 'created' });
      const keys = await catalog.catalogKeys();
      expect(keys.map((k) => `${k.workspace ?? '*'}/${k.slug}`)).toEqual(['*/amazon-vs-walmart', 'discord:G1/nvda-vs-amd', 'slack:T1/a-vs-b', 'slack:T1/nvda-vs-amd']);
      const docs = await catalog.catalogDocuments([{ workspace: 'slack:T1', slug: 'nvda-vs-amd' }, { slug: 'amazon-vs-walmart' }, { workspace: 'slack:T9', slug: 'nvda-vs-amd' }]);
      expect(docs.map((d) => `${d.workspace ?? '*'}/${d.slug}/${d.origin}/${d.createdBy ?? ''}`).sort()).toEqual(['*/amazon-vs-walmart/file/', 'slack:T1/nvda-vs-amd/tracked/U1']);
    }));

    it('takes concurrent tracks one at a time: the same pair becomes one rivalry, the limit holds', withStore(async (store) => {
      const { catalog } = store;
      const same = await Promise.all([1, 2, 3].map((i) => catalog.trackRivalry(entry('slack:T1', tracked(`pair-${i}`)), 25, i)));
      expect(same.filter((r) => r.kind === 'created')).toHaveLength(1);
      expect(same.filter((r) => r.kind === 'exists')).toHaveLength(2);
      const racing = await Promise.all(['a', 'b', 'c', 'd'].map((x, i) => catalog.trackRivalry(entry('slack:T2', tracked(`${x}-vs-z`, [x, 'z'])), 2, i)));
      expect(racing.filter((r) => r.kind === 'created')).toHaveLength(2);
      expect((await catalog.catalogKeys()).filter((k) => k.workspace === 'slack:T2')).toHaveLength(2);
    }));

    it('writes updates all or none, each only over the version it read', withStore(async (store) => {
      const { catalog } = store;
      await catalog.trackRivalry(entry('slack:T1', tracked('one')), 25, 1);
      await catalog.trackRivalry(entry('slack:T1', tracked('two', ['x', 'y'])), 25, 2);
      const keys = await catalog.catalogKeys();
      const one = keys.find((k) => k.slug === 'one');
      const two = keys.find((k) => k.slug === 'two');
      const stale = await catalog.updateRivalries(
        [
          { workspace: 'slack:T1', slug: 'one', document: { ...tracked('one'), summary: 'new' }, expectedVersion: one?.version ?? 0 },
          { workspace: 'slack:T1', slug: 'two', document: { ...tracked('two', ['x', 'y']), summary: 'new' }, expectedVersion: (two?.version ?? 0) - 1 },
        ],
        'rename',
        3,
      );
      expect(stale).toEqual({ ok: false, conflict: 'two was changed meanwhile' });
      expect((await catalog.catalogDocuments()).map((d) => (d.document as Rivalry).summary)).not.toContain('new');
      const fresh = await catalog.updateRivalries([{ workspace: 'slack:T1', slug: 'one', document: { ...tracked('one'), summary: 'new' }, expectedVersion: one?.version ?? 0 }], 'rename', 4);
      expect(fresh).toEqual({ ok: true, revision: await catalog.catalogRevision() });
      expect((await catalog.catalogKeys()).find((k) => k.slug === 'one')?.version).toBe(await catalog.catalogRevision());
    }));

    it('untracks with the workspace\'s subscriptions to it, refusing what they had queued', withStore(async (store) => {
      const { catalog } = store;
      await catalog.trackRivalry(entry('slack:T1', tracked('nvda-vs-amd')), 25, 1);
      await catalog.trackRivalry(entry('slack:T2', tracked('nvda-vs-amd')), 25, 1);
      const a = await store.subscribe(newSubscription({ workspaceId: 'T1', channelId: 'C1', rivalry: 'nvda-vs-amd' }), []);
      await store.subscribe(newSubscription({ workspaceId: 'T1', channelId: 'C2', rivalry: 'nvda-vs-amd' }), []);
      await store.subscribe(newSubscription({ workspaceId: 'T1', channelId: 'C1', rivalry: 'amazon-vs-walmart' }), []);
      await store.subscribe(newSubscription({ workspaceId: 'T2', channelId: 'C1', rivalry: 'nvda-vs-amd' }), []);
      await store.queueDigest(a.subscription.id, 's', 'digest:a', message, 1);
      expect(await catalog.untrackRivalry('slack:T1', 'nvda-vs-amd', 2)).toEqual({ removed: true, subscriptionsStopped: 2 });
      expect(await catalog.untrackRivalry('slack:T1', 'nvda-vs-amd', 3)).toEqual({ removed: false, subscriptionsStopped: 0 });
      expect((await store.listForWorkspace('slack', 'T1')).map((s) => s.rivalry)).toEqual(['amazon-vs-walmart']);
      expect(await store.listForWorkspace('slack', 'T2')).toHaveLength(1);
      expect((await store.outboxItems('rejected')).map((i) => `${i.key}: ${i.lastError ?? ''}`)).toEqual(['digest:a: the rivalry was untracked']);
      expect((await catalog.catalogKeys()).map((k) => k.workspace)).toEqual(['slack:T2']);
      // Shipped rivalries cannot be untracked.
      const bundled = bundledRivalry();
      await catalog.importRivalryFiles([{ slug: bundled.slug, document: bundled, fileHash: 'h' }], 4);
      expect((await catalog.untrackRivalry('slack:T1', 'amazon-vs-walmart', 5)).removed).toBe(false);
    }));

    it('hands out turns of a shared rate, each at least the gap after the one before', withStore(async (store) => {
      const turns = await Promise.all(Array.from({ length: 5 }, () => store.catalog.reserveRateSlot('sec', 1000, 100)));
      expect([...turns].sort((x, y) => x - y)).toEqual([1000, 1100, 1200, 1300, 1400]);
      expect(await store.catalog.reserveRateSlot('sec', 5000, 100)).toBe(5000);
      expect(await store.catalog.reserveRateSlot('other', 0, 100)).toBe(0);
    }));

    it('remembers filings: a baseline that is never news, new ones once, their handling, and a lease one owner holds', withStore(async (store) => {
      const { filings } = store;
      const filing = (accession: string, form: string, items = '') => ({ cik: '0000104169', accession, form, items, filed: '2026-05-15' });
      expect(await filings.watchedCiks()).toEqual(new Set());
      expect((await filings.recordFilings([filing('0000104169-26-000001', '10-K')], 'baseline', 1)).map((f) => f.state)).toEqual(['baseline']);
      expect(await filings.watchedCiks()).toEqual(new Set(['0000104169']));
      const fresh = await filings.recordFilings([filing('0000104169-26-000001', '10-K'), filing('0000104169-26-000002', '8-K', '2.02,9.01'), filing('0000104169-26-000003', '10-Q')], 'new', 2);
      expect(fresh.map((f) => f.accession)).toEqual(['0000104169-26-000002', '0000104169-26-000003']);
      expect(await filings.recordFilings([filing('0000104169-26-000003', '10-Q')], 'new', 3)).toEqual([]);
      expect((await filings.pendingFilings()).map((f) => `${f.form} ${f.items} ${f.state}`)).toEqual(['8-K 2.02,9.01 new', '10-Q  new']);
      expect(await filings.watcherAccessions()).toEqual(new Set(['0000104169-26-000003']));
      await filings.setFilingState('0000104169-26-000002', 'done', 1);
      await filings.setFilingState('0000104169-26-000003', 'waiting', 1);
      expect((await filings.pendingFilings()).map((f) => `${f.accession} ${f.state} ${f.attempts}`)).toEqual(['0000104169-26-000003 waiting 1']);
      expect(await filings.takeLease('watch', 'a', 100, 200)).toBe(true);
      expect(await filings.takeLease('watch', 'b', 150, 250)).toBe(false);
      expect(await filings.takeLease('watch', 'a', 150, 300)).toBe(true);
      expect(await filings.takeLease('watch', 'b', 301, 400)).toBe(true);
    }));

    it('finds due digests through the next-due index and stores a shared body once for every post', withStore(async (store) => {
      const ids: number[] = [];
      for (const c of ['C1', 'C2', 'C3', 'C4']) ids.push((await store.subscribe(newSubscription({ channelId: c }), [])).subscription.id);
      await store.subscribe(newSubscription({ channelId: 'C5', alertsOnly: true }), []);
      // Not computed yet: all four digest subscriptions are candidates (alerts-only ones never are).
      expect((await store.digests.dueSubscriptions(1000, 10)).map((s) => s.channelId).sort()).toEqual(['C1', 'C2', 'C3', 'C4']);
      expect((await store.digests.dueSubscriptions(1000, 10, { index: (ids[1] ?? 0) % 2, count: 2 })).every((s) => s.id % 2 === (ids[1] ?? 0) % 2)).toBe(true);
      await store.digests.setNextDue(ids.map((id, i) => ({ subscriptionId: id, at: i < 3 ? 500 : 5000 })));
      expect((await store.digests.dueSubscriptions(1000, 10)).map((s) => s.channelId).sort()).toEqual(['C1', 'C2', 'C3']);
      const digest = createMessage({ title: 'Daily digest', summary: 'shared', fallbackText: 'd' });
      const items = ids.slice(0, 3).map((id) => ({ subscriptionId: id, slot: 's1', key: `digest:${id}:s1`, payloadHash: 'h1', nextDueAt: 9000, sendFrom: 1000 }));
      expect(await store.digests.queueDigests(items, new Map([['h1', digest]]), 1000)).toBe(3);
      expect(await store.digests.queueDigests(items, new Map([['h1', digest]]), 1001)).toBe(0);
      expect(await store.digests.dueSubscriptions(1000, 10)).toEqual([]);
      const queued = await store.outboxItems();
      expect(queued.map((i) => i.payload.summary)).toEqual(['shared', 'shared', 'shared']);
      expect((await store.listForWorkspace('slack', 'T0001')).find((s) => s.channelId === 'C1')?.lastSlot).toBe('s1');
      // Once every post that referenced the body is sent and pruned, the body goes too.
      for (const item of await store.reserveDue(2000, 10, 'me', 3000)) {
        await store.markSending([item.id], 2000, 'me', 3000);
        await store.markSent([item.id], 2001);
      }
      expect(await store.pruneSent(2002)).toBe(3);
      await store.digests.queueDigests([{ subscriptionId: ids[3] ?? 0, slot: 's2', key: 'digest:x:s2', payloadHash: 'h2', nextDueAt: 9000, sendFrom: 3000 }], new Map([['h2', digest]]), 3000);
      expect((await store.outboxItems())[0]?.payload.summary).toBe('shared');
    }));

    it('keeps action tokens until they expire', withStore(async (store) => {
      await store.tokens.saveActionToken('tok-0123456789', 'uc|compare|r=a-very-long-rivalry-name', 1000);
      expect(await store.tokens.actionToken('tok-0123456789', 999)).toBe('uc|compare|r=a-very-long-rivalry-name');
      expect(await store.tokens.actionToken('tok-0123456789', 1000)).toBeUndefined();
      expect(await store.tokens.actionToken('unknown-token', 0)).toBeUndefined();
      expect(await store.tokens.pruneActionTokens(1000)).toBe(1);
    }));

    it('tells listeners about changes where the database can (PostgreSQL NOTIFY)', withStore(async (store) => {
      let notices = 0;
      const stop = store.catalog.onCatalogNotice(() => (notices += 1));
      if (!store.shared) {
        stop();
        return; // SQLite readers poll the revision instead
      }
      await store.catalog.catalogRevision();
      await new Promise((r) => setTimeout(r, 100)); // the LISTEN connection opens
      await store.catalog.trackRivalry(entry('slack:T1', tracked('x')), 25, 1);
      await until(() => notices > 0, 5000);
      stop();
    }));
  });
}
