import { describeProblem, parseRivalryDocument } from '../../core/data/load-rivalries.js';
import type { Rivalry } from '../../core/data/schema.js';
import { didYouMean } from '../../core/parser/did-you-mean.js';
import type { CompanyFacts } from '../../core/sec/company-facts.js';
import type { RivalryUpdate, StoredRivalry } from '../../store/catalog-store.js';
import type { Store } from '../../store/store.js';
import { describeKey } from '../catalog/stored-catalog.js';
import type { SecClient } from './sec-client.js';
import { syncMetrics, type SyncChange } from './sync-metrics.js';

export interface SyncResult {
  /** The rivalries synced: "amazon-vs-walmart", or "slack:T1/nvda-vs-amd" for a tracked one. */
  rivalries: string[];
  /** Each change names its rivalry, company and metric. */
  changes: SyncChange[];
  /** Metrics a rivalry did not have, added because SEC has them for every company. */
  metricsAdded: Array<{ rivalry: string; metric: string }>;
  warnings: string[];
  /** When any: nothing was written. */
  failures: string[];
  written: string[];
}

/** Each company's facts are fetched once per sync, however many rivalries (in however many workspaces) hold it. */
type FactsOf = (cik: string) => Promise<CompanyFacts>;

/** Brings every stored metric of one rivalry up to date from SEC; undefined when it could not be (a failure says why). */
async function syncOne(rivalry: Rivalry, name: string, factsOf: FactsOf, result: SyncResult): Promise<Rivalry | undefined> {
  const facts = new Map<string, CompanyFacts>();
  for (const company of rivalry.companies) {
    try {
      facts.set(company.id, await factsOf(company.cik));
    } catch (error) {
      result.failures.push(`${name}: ${company.name}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
  const synced = syncMetrics(rivalry, name, facts);
  result.warnings.push(...synced.warnings);
  result.failures.push(...synced.failures);
  if (synced.failures.length > 0) return undefined;
  result.changes.push(...synced.changes);
  result.metricsAdded.push(...synced.added.map((metric) => ({ rivalry: name, metric })));
  return synced.rivalry;
}

/** The stored rivalries a sync names: all when none are named; a slug names it in every workspace, "workspace/slug" one of them. */
function select(stored: readonly StoredRivalry[], names: readonly string[], failures: string[]): StoredRivalry[] {
  if (names.length === 0) return [...stored];
  const known = [...new Set(stored.flatMap((s) => [s.slug, describeKey(s)]))];
  for (const n of names) if (!known.includes(n)) failures.push(`no rivalry "${n}" in the catalog.${didYouMean(n, known)}`);
  return stored.filter((s) => names.includes(s.slug) || names.includes(describeKey(s)));
}

async function syncOnce(store: Store, names: readonly string[], factsOf: FactsOf): Promise<SyncResult & { updates: RivalryUpdate[] }> {
  const result: SyncResult & { updates: RivalryUpdate[] } = { rivalries: [], changes: [], metricsAdded: [], warnings: [], failures: [], written: [], updates: [] };
  const selected = select(await store.catalog.catalogDocuments(), names, result.failures);
  result.rivalries = selected.map(describeKey);
  for (const stored of selected) {
    const name = describeKey(stored);
    const current = parseRivalryDocument(stored.document, name);
    if (current.rivalry === undefined) {
      result.failures.push(...current.problems.map((p) => `fix this first: ${describeProblem(p)}`));
      continue;
    }
    const updated = await syncOne(current.rivalry, name, factsOf, result);
    if (updated === undefined || JSON.stringify(updated) === JSON.stringify(current.rivalry)) continue;
    const check = parseRivalryDocument(updated, name);
    if (check.rivalry === undefined) {
      result.failures.push(...check.problems.map((p) => `the synced data would be invalid, so it was not written: ${describeProblem(p)}`));
      continue;
    }
    result.updates.push({ ...(stored.workspace === undefined ? {} : { workspace: stored.workspace }), slug: stored.slug, document: check.rivalry, expectedVersion: stored.version });
  }
  return result;
}

/**
 * Syncs the named rivalries (all when none are named: shipped and tracked) from SEC company facts
 * into the store, in one transaction: if anything failed nothing is written, so every replica keeps
 * serving exactly what it served. A rivalry changed meanwhile (a rename) is read and synced again.
 */
export async function syncCatalog(store: Store, names: readonly string[], client: SecClient): Promise<SyncResult> {
  const fetched = new Map<string, Promise<CompanyFacts>>();
  const factsOf: FactsOf = (cik) => {
    let facts = fetched.get(cik);
    if (facts === undefined) {
      facts = client.companyFacts(cik);
      fetched.set(cik, facts);
      facts.catch(() => undefined); // awaited by syncOne; a failure must not go unhandled meanwhile
    }
    return facts;
  };
  for (let attempt = 1; ; attempt += 1) {
    const { updates, ...result } = await syncOnce(store, names, factsOf);
    if (result.failures.length > 0 || updates.length === 0) return result;
    const written = await store.catalog.updateRivalries(updates, 'SEC sync', Date.now());
    if (written.ok) return { ...result, written: updates.map(describeKey) };
    if (attempt === 3) return { ...result, failures: [`${written.conflict}; run the sync again`] };
  }
}
