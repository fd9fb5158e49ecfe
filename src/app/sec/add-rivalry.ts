import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseRivalryText, describeProblem } from '../../core/data/load-rivalries.js';
import type { Company, Rivalry } from '../../core/data/schema.js';
import { suggest } from '../../core/parser/did-you-mean.js';
import { DEFAULT_REVENUE_CONCEPTS, type CompanyFacts } from '../../core/sec/company-facts.js';
import { extractRevenue } from '../../core/sec/extract-revenue.js';
import { cik10, type SecClient, type TickerEntry } from './sec-client.js';
import { writeAtomically } from './sync-rivalries.js';

const PALETTE = ['#FF9900', '#0071CE', '#2E7D32', '#C62828', '#6A1B9A', '#00838F'];

export type AddResult = { ok: true; path: string; rivalry: Rivalry; warnings: string[] } | { ok: false; failures: string[] };

/** "AMAZON COM INC" → "Amazon Com Inc"; names already in mixed case are kept. */
function displayName(title: string): string {
  return title === title.toUpperCase() ? title.toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase()) : title;
}

/** The month-day of the company's most recent annual report period. */
function fiscalYearEnd(facts: CompanyFacts): string | undefined {
  const ends = DEFAULT_REVENUE_CONCEPTS.flatMap((c) => facts.facts['us-gaap']?.[c]?.units['USD'] ?? [])
    .filter((f) => f.form.startsWith('10-K') && f.start !== undefined && Date.parse(f.end) - Date.parse(f.start) > 350 * 86_400_000)
    .map((f) => f.end)
    .sort();
  return ends.at(-1)?.slice(5);
}

/**
 * Creates a rivalry file from EDGAR for two or more companies named by ticker or CIK: names and CIKs
 * from SEC's ticker list, fiscal year ends and revenue figures from their company facts. The file is
 * validated like any other before it is written; nothing is written on any error.
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

  const warnings: string[] = [];
  const companies: Company[] = [];
  const series: Rivalry['metrics'][number]['series'] = [];
  for (const [i, entry] of entries.entries()) {
    let facts: CompanyFacts;
    try {
      facts = await client.companyFacts(entry.cik);
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
      continue;
    }
    const ticker = entry.ticker || facts.entityName.replace(/[^A-Za-z]/g, '').slice(0, 5).toUpperCase();
    const fye = fiscalYearEnd(facts);
    if (fye === undefined) {
      failures.push(`${facts.entityName} (CIK ${entry.cik}): no annual revenue in its company facts, so its fiscal year is unknown`);
      continue;
    }
    const company: Company = { id: ticker.toLowerCase().replace(/[^a-z0-9]/g, ''), name: displayName(entry.title || facts.entityName), ticker, cik: entry.cik, fiscalYearEnd: fye, colour: PALETTE[i % PALETTE.length] as string };
    const extracted = extractRevenue(facts, company);
    failures.push(...extracted.errors);
    warnings.push(...extracted.warnings);
    const latestConcept = extracted.points.filter((p) => p.basis === 'annual').at(-1)?.source.concept?.replace(/^us-gaap:/, '');
    companies.push(latestConcept === undefined ? company : { ...company, revenueConcepts: [latestConcept, ...DEFAULT_REVENUE_CONCEPTS.filter((c) => c !== latestConcept)] });
    series.push({ company: company.id, definition: `total revenue as reported to SEC (${latestConcept === undefined ? 'XBRL' : `us-gaap:${latestConcept}`})`, points: extracted.points });
  }
  if (failures.length > 0) return { ok: false, failures };

  const largest = Math.max(...series.flatMap((s) => s.points.map((p) => p.value)), 1);
  const rivalry = {
    slug,
    title: companies.map((c) => c.name).join(' vs '),
    summary: `Revenue of ${companies.map((c) => c.name).join(' and ')} from their SEC filings (XBRL company facts), created by rivalry-bot data add.`,
    companies,
    metrics: [{ id: 'revenue', name: 'Revenue', unit: 'USD', scale: 'millions', kind: 'flow', thresholdStep: 10 ** Math.floor(Math.log10(largest)), series }],
    facts: [],
  };
  const text = `${JSON.stringify(rivalry, null, 2)}\n`;
  const check = parseRivalryText(text, `${slug}.json`);
  if (check.rivalry === undefined) return { ok: false, failures: check.problems.map((p) => `the new file would be invalid: ${describeProblem(p)}`) };
  writeAtomically(path, text);
  return { ok: true, path, rivalry: check.rivalry, warnings };
}
