import type { Logger } from 'pino';
import type { RivalryCatalog, WorkspaceKey } from '../../core/data/catalog.js';
import { parseRivalryDocument } from '../../core/data/load-rivalries.js';
import type { Rivalry, Series } from '../../core/data/schema.js';
import { suggest } from '../../core/parser/did-you-mean.js';
import { SEC_METRICS } from '../../core/sec/metric-concepts.js';
import { pairKey, type RenameOutcome, type TrackOutcome, type TrackRequest, type TrackingService, type UntrackOutcome } from '../../core/tracking/tracking-service.js';
import type { Store } from '../../store/store.js';
import { buildRivalry, type KnownCompany } from '../sec/build-rivalry.js';
import type { SecClient, TickerEntry } from '../sec/sec-client.js';

export interface TrackingOptions {
  store: Store;
  /** The catalog in service (root: every workspace's rivalries), and a way to bring it up to date after a change. */
  catalog: () => RivalryCatalog;
  refresh: () => Promise<unknown>;
  /** Absent: tracking is off, for `reason`. */
  client: SecClient | { disabled: string };
  limit: number;
  logger: Logger;
}

/** "BRK.B" and "BRK-B" are the same share class; SEC's list spells it with a hyphen. */
const spellings = (ticker: string) => [...new Set([ticker, ticker.replace(/\./g, '-'), ticker.replace(/-/g, '.')])];

/**
 * `track`, `untrack` and `rename` over SEC EDGAR and the store. Requests for the same companies in
 * the same workspace that overlap share one piece of work; the store decides the rest (one rivalry
 * per set of companies, slugs, the limit) in one transaction, so replicas agree too.
 */
export class SecTrackingService implements TrackingService {
  private readonly inFlight = new Map<string, Promise<TrackOutcome>>();

  constructor(private readonly options: TrackingOptions) {}

  track(request: TrackRequest): Promise<TrackOutcome> {
    const key = `${request.workspace}|${[...request.tickers].sort().join('+')}`;
    let work = this.inFlight.get(key);
    if (work === undefined) {
      work = this.trackNow(request).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, work);
    }
    return work;
  }

  private async trackNow(request: TrackRequest): Promise<TrackOutcome> {
    const { client, store, limit } = this.options;
    if ('disabled' in client) return { kind: 'disabled', reason: client.disabled };
    let list: TickerEntry[];
    try {
      list = await client.tickers();
    } catch (error) {
      return { kind: 'sec-unavailable', detail: error instanceof Error ? error.message : String(error) };
    }
    const byTicker = new Map(list.map((e) => [e.ticker, e]));
    const entries: TickerEntry[] = [];
    const unknown: Array<{ ticker: string; suggestions: string[] }> = [];
    for (const ticker of request.tickers) {
      const entry = spellings(ticker).map((t) => byTicker.get(t)).find((e) => e !== undefined);
      if (entry === undefined) unknown.push({ ticker, suggestions: suggest(ticker, [...byTicker.keys()], 2) });
      else entries.push(entry);
    }
    if (unknown.length > 0) return { kind: 'unknown-tickers', unknown };

    // Answered from the catalog in service, before asking SEC for figures; the store checks again when it writes.
    const pair = pairKey(entries.map((e) => e.cik));
    const catalog = this.options.catalog();
    const existing = this.sameCompanies(catalog, request.workspace, pair);
    if (existing !== undefined) return existing;
    const view = catalog.forWorkspace(request.workspace);
    if (view.findRivalry(request.slug)?.slug === request.slug) return { kind: 'slug-taken', slug: request.slug };
    if (view.rivalries.filter((r) => view.isTracked(r)).length >= limit) return { kind: 'limit', limit };

    const built = await buildRivalry({
      slug: request.slug,
      entries,
      client,
      summary: `${entries.map((e) => e.ticker).join(' vs ')}: figures from their SEC filings (XBRL company facts); tracked from chat.`,
      known: (cik) => knownCompany(catalog, cik),
    });
    if (!built.ok) {
      if (built.kind === 'sec-unavailable') return { kind: 'sec-unavailable', detail: built.failures.join(' ') };
      this.options.logger.warn({ workspace: request.workspace, tickers: request.tickers, failures: built.failures }, 'track: no usable figures');
      return { kind: 'no-figures', company: built.company ?? request.tickers.join(' / '), detail: built.failures.slice(0, 3).join(' ') };
    }
    const stored = await store.catalog.trackRivalry({ workspace: request.workspace, slug: request.slug, pairKey: pair, document: built.rivalry, createdBy: request.by }, limit, Date.now());
    if (stored.kind === 'limit') return { kind: 'limit', limit };
    if (stored.kind === 'slug-taken') return { kind: 'slug-taken', slug: request.slug };
    await this.options.refresh();
    if (stored.kind === 'exists') {
      const rivalry = this.options.catalog().lookup(request.workspace, stored.slug);
      return rivalry === undefined ? { kind: 'slug-taken', slug: request.slug } : { kind: 'exists', rivalry, scope: 'workspace' };
    }
    this.options.logger.info({ workspace: request.workspace, slug: request.slug, by: request.by }, 'rivalry tracked');
    return { kind: 'created', rivalry: this.options.catalog().lookup(request.workspace, request.slug) ?? built.rivalry };
  }

  /** The same companies, tracked in this workspace or shipped for every one. */
  private sameCompanies(catalog: RivalryCatalog, workspace: WorkspaceKey, pair: string): TrackOutcome | undefined {
    for (const { workspace: owner, rivalry } of catalog.entries()) {
      if (owner !== undefined && owner !== workspace) continue;
      if (pairKey(rivalry.companies.map((c) => c.cik)) === pair) return { kind: 'exists', rivalry, scope: owner === undefined ? 'everywhere' : 'workspace' };
    }
    return undefined;
  }

  async untrack(workspace: WorkspaceKey, rivalry: Rivalry): Promise<UntrackOutcome> {
    const result = await this.options.store.catalog.untrackRivalry(workspace, rivalry.slug, Date.now());
    if (!result.removed) return { kind: 'not-tracked-here' };
    await this.options.refresh();
    this.options.logger.info({ workspace, slug: rivalry.slug, subscriptionsStopped: result.subscriptionsStopped }, 'rivalry untracked');
    return { kind: 'removed', rivalry, subscriptionsStopped: result.subscriptionsStopped };
  }

  async rename(workspace: WorkspaceKey, rivalry: Rivalry, companyId: string, name: string): Promise<RenameOutcome> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const [stored] = await this.options.store.catalog.catalogDocuments([{ workspace, slug: rivalry.slug }]);
      if (stored === undefined || stored.origin !== 'tracked') return { kind: 'not-tracked-here' };
      const current = parseRivalryDocument(stored.document, rivalry.slug).rivalry;
      const company = current?.companies.find((c) => c.id === companyId);
      if (current === undefined || company === undefined) return { kind: 'not-tracked-here' };
      const companies = current.companies.map((c) => (c.id === companyId ? { ...c, name } : c));
      // A title made of the names follows them; one a person chose stays.
      const autoTitle = current.title === current.companies.map((c) => c.name).join(' vs ').slice(0, 120);
      const document = { ...current, companies, ...(autoTitle ? { title: companies.map((c) => c.name).join(' vs ').slice(0, 120) } : {}) };
      const check = parseRivalryDocument(document, rivalry.slug);
      if (check.rivalry === undefined) return { kind: 'invalid', detail: check.problems.map((p) => p.message).join('; ') };
      const written = await this.options.store.catalog.updateRivalries([{ workspace, slug: rivalry.slug, document: check.rivalry, expectedVersion: stored.version }], `${company.ticker} renamed`, Date.now());
      if (!written.ok) continue; // renamed or synced meanwhile: apply the rename to the newer version
      await this.options.refresh();
      return { kind: 'renamed', rivalry: this.options.catalog().lookup(workspace, rivalry.slug) ?? check.rivalry, from: company.name };
    }
    return { kind: 'invalid', detail: 'the rivalry kept changing while it was being renamed; try again' };
  }
}

/**
 * A company some rivalry in service holds already, with its series of every stored metric that
 * rivalry has: a shipped rivalry's first (curated), else any. Only a rivalry with its revenue counts.
 */
export function knownCompany(catalog: RivalryCatalog, cik: string): KnownCompany | undefined {
  const ordered = [...catalog.entries()].sort((a, b) => Number(a.workspace !== undefined) - Number(b.workspace !== undefined));
  for (const { rivalry } of ordered) {
    const company = rivalry.companies.find((c) => c.cik === cik);
    if (company === undefined) continue;
    const series: Record<string, Series> = {};
    for (const definition of SEC_METRICS) {
      const held = rivalry.metrics.find((m) => m.id === definition.id)?.series.find((s) => s.company === company.id);
      if (held !== undefined) series[definition.id] = held;
    }
    if (series['revenue'] !== undefined) return { company, series };
  }
  return undefined;
}
