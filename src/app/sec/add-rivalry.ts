import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Rivalry } from '../../core/data/schema.js';
import { suggest } from '../../core/parser/did-you-mean.js';
import { buildRivalry } from './build-rivalry.js';
import { cik10, type SecClient, type TickerEntry } from './sec-client.js';
import { writeAtomically } from './write-atomically.js';

export type AddResult = { ok: true; path: string; rivalry: Rivalry; warnings: string[] } | { ok: false; failures: string[] };

/**
 * Creates a rivalry file from EDGAR for two or more companies named by ticker or CIK (an operator's
 * curated rivalry, shipped to every workspace). Nothing is written on any error.
 */
export async function addRivalry(dir: string, slug: string, tickers: readonly string[], ciks: readonly string[], client: SecClient): Promise<AddResult> {
  const failures: string[] = [];
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) failures.push(`slug "${slug}": use lowercase letters, digits and single hyphens, e.g. "costco-vs-target"`);
  const path = join(dir, `${slug}.json`);
  if (existsSync(path)) failures.push(`${path} exists already; edit it, or run \`data sync ${slug}\` to update its figures`);
  if (tickers.length + ciks.length < 2) failures.push('a rivalry needs at least two companies: --company AAA --company BBB (or --cik)');
  if (failures.length > 0) return { ok: false, failures };

  const list = await client.tickers();
  const entries: TickerEntry[] = [];
  for (const t of tickers) {
    const entry = list.find((e) => e.ticker === t.toUpperCase());
    if (entry === undefined) failures.push(`unknown ticker "${t}".${suggest(t.toUpperCase(), list.map((e) => e.ticker), 1).map((s) => ` Did you mean "${s}"?`).join('')}`);
    else entries.push(entry);
  }
  for (const c of ciks) {
    if (!/^\d{1,10}$/.test(c)) {
      failures.push(`--cik "${c}": a CIK is up to 10 digits, e.g. 0001018724`);
      continue;
    }
    entries.push(list.find((e) => e.cik === cik10(c)) ?? { cik: cik10(c), ticker: '', title: '' });
  }
  if (failures.length > 0) return { ok: false, failures };

  const built = await buildRivalry({ slug, entries, client, summary: `${entries.map((e) => e.ticker || e.cik).join(' and ')}: figures from their SEC filings (XBRL company facts), created by rivalry-bot data add.` });
  if (!built.ok) return { ok: false, failures: built.failures };
  writeAtomically(path, `${JSON.stringify(built.rivalry, null, 2)}\n`);
  return { ok: true, path, rivalry: built.rivalry, warnings: built.warnings };
}
