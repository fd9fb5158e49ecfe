import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeProblem, parseRivalryText } from '../../core/data/load-rivalries.js';
import type { Rivalry, Series } from '../../core/data/schema.js';
import { didYouMean } from '../../core/parser/did-you-mean.js';
import { extractRevenue } from '../../core/sec/extract-revenue.js';
import { mergeSeries, type SeriesChange } from '../../core/sec/merge-series.js';
import type { SecClient } from './sec-client.js';

export interface SyncResult {
  rivalries: string[];
  changes: Array<SeriesChange & { rivalry: string }>;
  warnings: string[];
  /** When any: nothing was written. */
  failures: string[];
  written: string[];
}

interface RivalryFile {
  file: string;
  rivalry: Rivalry;
}

function readRivalryFiles(dir: string, failures: string[]): RivalryFile[] {
  const files: RivalryFile[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const { rivalry, problems } = parseRivalryText(readFileSync(join(dir, name), 'utf8'), name);
    if (rivalry === undefined) failures.push(...problems.map((p) => `fix this first: ${describeProblem(p)}`));
    else files.push({ file: join(dir, name), rivalry });
  }
  return files;
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeAtomically(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/** Brings the revenue figures of one rivalry up to date from SEC; returns the new rivalry and its changes. */
async function syncOne(rivalry: Rivalry, client: SecClient, result: SyncResult): Promise<Rivalry | undefined> {
  const metric = rivalry.metrics.find((m) => m.id === 'revenue');
  if (metric === undefined) {
    result.warnings.push(`${rivalry.slug}: has no "revenue" metric; nothing to sync`);
    return undefined;
  }
  const series: Series[] = [];
  for (const s of metric.series) {
    const company = rivalry.companies.find((c) => c.id === s.company);
    if (company === undefined) return undefined;
    let facts;
    try {
      facts = await client.companyFacts(company.cik);
    } catch (error) {
      result.failures.push(`${rivalry.slug}: ${company.name}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const extracted = extractRevenue(facts, company, company.revenueConcepts);
    result.warnings.push(...extracted.warnings.map((w) => `${rivalry.slug}: ${w}`));
    if (extracted.errors.length > 0) {
      result.failures.push(...extracted.errors.map((e) => `${rivalry.slug}: ${e}`));
      return undefined;
    }
    const merged = mergeSeries(s.points, extracted.points, company.name);
    result.changes.push(...merged.changes.map((c) => ({ ...c, rivalry: rivalry.slug })));
    series.push({ ...s, points: merged.points });
  }
  return { ...rivalry, metrics: rivalry.metrics.map((m) => (m === metric ? { ...m, series } : m)) };
}

/**
 * Syncs the named rivalries (all when none are named) from SEC company facts. Every file is checked
 * in full after the update; if anything failed, no file is written, so the data stays exactly as it was.
 */
export async function syncRivalries(dir: string, slugs: readonly string[], client: SecClient): Promise<SyncResult> {
  const result: SyncResult = { rivalries: [], changes: [], warnings: [], failures: [], written: [] };
  const files = readRivalryFiles(dir, result.failures);
  const known = files.map((f) => f.rivalry.slug);
  for (const slug of slugs) if (!known.includes(slug)) result.failures.push(`no rivalry "${slug}" in ${dir}.${didYouMean(slug, known)}`);
  const selected = files.filter((f) => slugs.length === 0 || slugs.includes(f.rivalry.slug));
  result.rivalries = selected.map((f) => f.rivalry.slug);

  const writes: Array<{ path: string; text: string }> = [];
  for (const { file, rivalry } of selected) {
    const updated = await syncOne(rivalry, client, result);
    if (updated === undefined) continue;
    const text = `${JSON.stringify(updated, null, 2)}\n`;
    if (text === readFileSync(file, 'utf8')) continue;
    const check = parseRivalryText(text, file);
    if (check.problems.length > 0) {
      result.failures.push(...check.problems.map((p) => `the synced data would be invalid, so it was not written: ${describeProblem(p)}`));
      continue;
    }
    writes.push({ path: file, text });
  }
  if (result.failures.length > 0) return result;
  for (const w of writes) {
    writeAtomically(w.path, w.text);
    result.written.push(w.path);
  }
  return result;
}
