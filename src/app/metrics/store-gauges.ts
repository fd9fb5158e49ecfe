import { Gauge } from 'prom-client';
import { BACKLOG_STATUSES } from '../../store/ops-store.js';
import type { Store } from '../../store/store.js';
import { registry } from './metrics.js';

/** What the store-backed gauges read at scrape time; set once the store is open. */
interface Sources {
  store: Store;
  /** The catalog revision this process serves. */
  catalogVersion: () => number;
  /** Sender heartbeats newer than this count as alive (epoch ms, relative to now). */
  liveForMs: number;
}

let sources: Sources | undefined;

new Gauge({
  name: 'rivalry_outbox_items',
  help: 'Outbox items not sent, by status (the whole deployment: every replica reads the same store); sent posts are counted by rivalry_posts_total.',
  labelNames: ['status'] as const,
  registers: [registry],
  async collect() {
    if (sources === undefined) return;
    const counts = await sources.store.ops.outboxBacklog();
    for (const status of BACKLOG_STATUSES) this.set({ status }, counts[status]);
  },
});

new Gauge({
  name: 'rivalry_outbox_oldest_pending_seconds',
  help: 'Age of the oldest post queued and not yet sent (0 when none): digests and alerts running late.',
  registers: [registry],
  async collect() {
    if (sources === undefined) return;
    const queued = await sources.store.ops.oldestPendingQueuedAt();
    this.set(queued === undefined ? 0 : Math.max(0, (Date.now() - queued) / 1000));
  },
});

new Gauge({
  name: 'rivalry_catalog_version',
  help: 'The catalog revision this process serves (replicas should agree).',
  registers: [registry],
  collect() {
    if (sources !== undefined) this.set(sources.catalogVersion());
  },
});

new Gauge({
  name: 'rivalry_replicas_alive',
  help: 'Delivery senders (replicas) that sent a heartbeat recently.',
  registers: [registry],
  async collect() {
    if (sources === undefined) return;
    const now = Date.now();
    this.set(await sources.store.ops.liveSenders(now - sources.liveForMs));
  },
});

/** Points the store-backed gauges at this process's store and catalog. */
export function watchStore(next: Sources | undefined): void {
  sources = next;
}
