import type { Logger } from 'pino';
import { workspaceKey, type RivalryCatalog } from '../../core/data/catalog.js';
import type { Company, Rivalry } from '../../core/data/schema.js';
import { earningsReleasedMessage, holdsFiling, milestoneFromFiling, newPeriodMessage } from '../../core/earnings/filing-messages.js';
import { filingIndexUrl, filingsOfInterest, isEarningsRelease } from '../../core/earnings/filing-index.js';
import { allMilestones } from '../../core/milestones/all-milestones.js';
import type { Subscription } from '../../core/subscriptions/subscription-service.js';
import type { TrackedFiling } from '../../store/filings-store.js';
import type { Store } from '../../store/store.js';
import type { Deliverable } from '../delivery/scheduler.js';
import { eachActiveSubscription } from '../../store/each-active-subscription.js';

export interface EarningsWatcherOptions {
  store: Store;
  /** The catalog in service, and a way to bring it up to date after a sync. */
  catalog: () => RivalryCatalog;
  refresh: () => Promise<unknown>;
  /** A company's filing index (SEC submissions JSON), fetched conditionally within SEC's rate. */
  fetchIndex: (cik: string) => Promise<unknown>;
  /** Syncs every rivalry holding the company from SEC company facts; resolves to what failed. */
  syncCompany: (cik: string) => Promise<string[]>;
  /** Called when posts were queued, so the outbox sender looks at once. */
  queued: () => void;
  deliverable: Deliverable;
  intervalMs: number;
  /** This process, for the lease that lets one replica poll. */
  owner: string;
  logger: Logger;
  /** A 10-Q/10-K whose figures are not in SEC's company facts after this many polls is given up. */
  maxAttempts?: number;
}

const LEASE = 'sec-watch';

/**
 * Earnings-day updates. One replica at a time (a lease in the store) reads every tracked company's
 * filing index: an 8-K with item 2.02 becomes an "earnings released" alert; a new 10-Q or 10-K is
 * synced (retried while SEC's company facts lack it) and becomes one "new period" post per subscribed
 * channel with the milestones it makes. Every post has a key of its own, so each goes out once.
 */
export class EarningsWatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly options: EarningsWatcherOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    void this.tick();
  }

  /** One poll (skipped while another is running, or when another replica holds the lease). */
  tick(): Promise<void> {
    this.running = this.running.then(async () => {
      const { store, owner, intervalMs, logger } = this.options;
      try {
        const now = Date.now();
        if (!(await store.filings.takeLease(LEASE, owner, now, now + 3 * intervalMs))) return;
        await this.readIndexes();
        await this.handlePending();
      } catch (err) {
        logger.error({ err }, 'earnings watcher: poll failed; trying again at the next one');
      }
    });
    return this.running;
  }

  private companies(): Map<string, Company> {
    const byCik = new Map<string, Company>();
    for (const { rivalry } of this.options.catalog().entries()) for (const c of rivalry.companies) byCik.set(c.cik, c);
    return byCik;
  }

  /** New filings of interest into the store; a company read for the first time gets its history as a baseline. */
  private async readIndexes(): Promise<void> {
    const { store, fetchIndex, logger } = this.options;
    const watched = await store.filings.watchedCiks();
    for (const cik of this.companies().keys()) {
      let parsed;
      try {
        parsed = filingsOfInterest(await fetchIndex(cik));
      } catch (err) {
        logger.warn({ cik, err: err instanceof Error ? err.message : String(err) }, 'earnings watcher: filing index not read');
        continue;
      }
      if (!parsed.ok) {
        logger.warn({ cik, error: parsed.error }, 'earnings watcher: filing index not understood');
        continue;
      }
      const fresh = await store.filings.recordFilings(parsed.filings.map((f) => ({ ...f, cik })), watched.has(cik) ? 'new' : 'baseline', Date.now());
      if (watched.has(cik) && fresh.length > 0) logger.info({ cik, filings: fresh.map((f) => `${f.form} ${f.accession}`) }, 'earnings watcher: new filings');
    }
  }

  private async handlePending(): Promise<void> {
    for (const filing of await this.options.store.filings.pendingFilings()) {
      if (isEarningsRelease(filing)) {
        await this.announceRelease(filing);
        await this.options.store.filings.setFilingState(filing.accession, 'done', filing.attempts + 1);
      } else {
        await this.postNewPeriod(filing);
      }
    }
  }

  /** The subscriptions (deliverable here) to rivalries holding the company, each with its rivalry as its workspace sees it. */
  private async *subscribers(cik: string): AsyncGenerator<{ sub: Subscription; rivalry: Rivalry; company: Company }> {
    const catalog = this.options.catalog();
    for await (const sub of eachActiveSubscription(this.options.store)) {
      if (!this.options.deliverable(sub)) continue;
      const rivalry = catalog.lookup(workspaceKey(sub.platform, sub.workspaceId), sub.rivalry);
      const company = rivalry?.companies.find((c) => c.cik === cik);
      if (rivalry !== undefined && company !== undefined) yield { sub, rivalry, company };
    }
  }

  private async announceRelease(filing: TrackedFiling): Promise<void> {
    const url = filingIndexUrl(filing.cik, filing.accession);
    let queued = 0;
    for await (const { sub, rivalry, company } of this.subscribers(filing.cik)) {
      if (await this.options.store.queueAlert(sub.id, [], `earnings:${sub.id}:${filing.accession}`, earningsReleasedMessage(rivalry, company, filing, url), Date.now())) queued += 1;
    }
    this.done(filing, queued, 'earnings released');
  }

  /** Syncs the company; once its figures carry the filing, one post per channel with the new period and its milestones. */
  private async postNewPeriod(filing: TrackedFiling): Promise<void> {
    const { store, logger, maxAttempts = 288 } = this.options;
    const attempts = filing.attempts + 1;
    const failures = await this.options.syncCompany(filing.cik);
    await this.options.refresh();
    const url = filingIndexUrl(filing.cik, filing.accession);
    const arrived = this.options.catalog().entries().some(({ rivalry }) => holdsFiling(rivalry, filing.cik, filing.accession));
    if (!arrived) {
      const state = attempts >= maxAttempts ? 'gave-up' : 'waiting';
      logger.info({ accession: filing.accession, attempts, failures, state }, `earnings watcher: ${filing.form} not in SEC's company facts yet`);
      await store.filings.setFilingState(filing.accession, state, attempts);
      return;
    }
    let queued = 0;
    for await (const { sub, rivalry, company } of this.subscribers(filing.cik)) {
      const known = await store.announcedMilestones(sub.id);
      const fresh = allMilestones(rivalry).filter((m) => !known.has(m.id) && milestoneFromFiling(m, filing.accession) && (sub.metrics === undefined || sub.metrics.includes(m.metric)));
      const message = newPeriodMessage(rivalry, company, filing, url, fresh, sub.metrics);
      if (message === undefined) continue;
      if (await store.queueAlert(sub.id, fresh.map((m) => m.id), `filing:${sub.id}:${filing.accession}`, message, Date.now())) queued += 1;
    }
    this.done(filing, queued, `new ${filing.form === '10-K' ? 'fiscal year' : 'quarter'}`);
    await store.filings.setFilingState(filing.accession, 'done', attempts);
  }

  private done(filing: TrackedFiling, queued: number, what: string): void {
    this.options.logger.info({ accession: filing.accession, form: filing.form, queued }, `earnings watcher: ${what} queued`);
    if (queued > 0) this.options.queued();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
