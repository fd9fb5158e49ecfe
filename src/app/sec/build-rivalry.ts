import { parseRivalryDocument, describeProblem } from '../../core/data/load-rivalries.js';
import type { Company, Rivalry, Series } from '../../core/data/schema.js';
import { DEFAULT_REVENUE_CONCEPTS, type CompanyFacts } from '../../core/sec/company-facts.js';
import { displayName } from '../../core/sec/display-name.js';
import { extractMetric, latestConcept, seriesFromSec } from '../../core/sec/extract-metric.js';
import { isRequiredMetric, listedConcepts, SEC_METRICS } from '../../core/sec/metric-concepts.js';
import type { MetricDefinition } from '../../core/metrics/metric-definitions.js';
import { SecError, type SecClient, type TickerEntry } from './sec-client.js';
import { storedMetric } from './sync-metrics.js';

const PALETTE = ['#FF9900', '#0071CE', '#2E7D32', '#C62828', '#6A1B9A', '#00838F'];

/** A company with its series by metric id, as another rivalry already holds them (shared, not fetched again). Revenue is always there. */
export interface KnownCompany {
  company: Company;
  series: Readonly<Record<string, Series>>;
}

export type BuildResult =
  | { ok: true; rivalry: Rivalry; warnings: string[] }
  /** no-figures: SEC has nothing usable for `company`; sec-unavailable: SEC could not be asked; invalid: the result fails the checks. */
  | { ok: false; kind: 'no-figures' | 'sec-unavailable' | 'invalid'; company?: string; failures: string[] };

/** The month-day of the company's most recent annual report period. */
function fiscalYearEnd(facts: CompanyFacts): string | undefined {
  const ends = DEFAULT_REVENUE_CONCEPTS.flatMap((c) => facts.facts['us-gaap']?.[c]?.units['USD'] ?? [])
    .filter((f) => f.form.startsWith('10-K') && f.start !== undefined && Date.parse(f.end) - Date.parse(f.start) > 350 * 86_400_000)
    .map((f) => f.end)
    .sort();
  return ends.at(-1)?.slice(5);
}

/** One company's figures from its SEC company facts. */
async function fetchCompany(entry: TickerEntry, client: SecClient): Promise<{ ok: true; known: KnownCompany; warnings: string[] } | Extract<BuildResult, { ok: false }>> {
  let facts: CompanyFacts;
  try {
    facts = await client.companyFacts(entry.cik);
  } catch (error) {
    if (error instanceof SecError && /no such record/.test(error.message)) return { ok: false, kind: 'no-figures', company: entry.title || entry.ticker, failures: [`SEC has no XBRL company facts for ${entry.title || entry.ticker} (CIK ${entry.cik}).`] };
    return { ok: false, kind: 'sec-unavailable', failures: [error instanceof Error ? error.message : String(error)] };
  }
  const name = displayName(entry.title || facts.entityName);
  const ticker = entry.ticker || facts.entityName.replace(/[^A-Za-z]/g, '').slice(0, 5).toUpperCase();
  const fye = fiscalYearEnd(facts);
  if (fye === undefined) return { ok: false, kind: 'no-figures', company: name, failures: [`${name} (CIK ${entry.cik}) reports no annual revenue to SEC in XBRL, so its fiscal year and figures are unknown.`] };
  const company: Company = { id: ticker.toLowerCase().replace(/[^a-z0-9]/g, ''), name, ticker, cik: entry.cik, fiscalYearEnd: fye, colour: PALETTE[0] as string };
  const extracted = extractCompany(facts, company);
  if (!extracted.ok) return { ok: false, kind: 'no-figures', company: name, failures: extracted.failures };
  return { ok: true, known: extracted.known, warnings: extracted.warnings };
}

/**
 * Every stored metric of a new company from its facts. Revenue is required; another metric with
 * no figures, or figures that fail the checks, is left out (said in the warnings). The concept each
 * metric's latest figures use is tried first from then on, so later syncs keep to what the series says it is.
 */
function extractCompany(facts: CompanyFacts, company: Company): { ok: true; known: KnownCompany; warnings: string[] } | { ok: false; failures: string[] } {
  const warnings: string[] = [];
  const series: Record<string, Series> = {};
  const concepts: Record<string, string[]> = {};
  for (const definition of SEC_METRICS) {
    const extracted = extractMetric(facts, company, definition);
    if (extracted.errors.length > 0 && isRequiredMetric(definition)) return { ok: false, failures: extracted.errors };
    warnings.push(...extracted.warnings);
    if (extracted.errors.length > 0) {
      warnings.push(`${company.name}: ${definition.name.toLowerCase()} left out, its figures failed the checks: ${extracted.errors.join('; ')}`);
      continue;
    }
    const found = seriesFromSec(company, definition, extracted.points);
    if (found === undefined) continue;
    series[definition.id] = found;
    const latest = latestConcept(found.points)?.replace(/^us-gaap:/, '');
    const listed = listedConcepts(company, definition);
    if (latest !== undefined) concepts[definition.id] = [latest, ...listed.filter((c) => c !== latest)];
  }
  const { revenue: revenueConcepts, ...others } = concepts;
  const pinned: Company = { ...company, ...(revenueConcepts === undefined ? {} : { revenueConcepts }), ...(Object.keys(others).length === 0 ? {} : { concepts: others }) };
  return { ok: true, known: { company: pinned, series }, warnings };
}

/** A metric of the new rivalry; revenue's milestone step is the round number below its largest figure. */
function metricOf(definition: MetricDefinition, series: Series[]): Rivalry['metrics'][number] {
  const metric = storedMetric(definition, series);
  if (!isRequiredMetric(definition)) return metric;
  const largest = Math.max(...series.flatMap((s) => s.points.map((p) => p.value)), 1);
  return { ...metric, thresholdStep: 10 ** Math.floor(Math.log10(largest)) };
}

/**
 * A rivalry of two or more companies from SEC EDGAR: names from SEC's ticker list, fiscal years and
 * figures from company facts (or, for a company another rivalry already holds, its figures from
 * there). Every stored metric that every company has is included; revenue is required. Checked
 * like any file before it is returned; nothing is returned on any failure.
 */
export async function buildRivalry(input: { slug: string; entries: readonly TickerEntry[]; client: SecClient; summary: string; known?: (cik: string) => KnownCompany | undefined }): Promise<BuildResult> {
  const members: KnownCompany[] = [];
  const warnings: string[] = [];
  for (const entry of input.entries) {
    const known = input.known?.(entry.cik);
    if (known !== undefined) {
      members.push(known);
      continue;
    }
    const fetched = await fetchCompany(entry, input.client);
    if (!fetched.ok) return fetched;
    members.push(fetched.known);
    warnings.push(...fetched.warnings);
  }
  // Each company its own id and colour within this rivalry.
  const ids = new Set<string>();
  const companies = members.map(({ company }, i) => {
    let id = company.id || `company${i + 1}`;
    while (ids.has(id)) id = `${id}${i + 1}`;
    ids.add(id);
    return { ...company, id, colour: PALETTE[i % PALETTE.length] as string };
  });
  const metrics = SEC_METRICS.flatMap((definition) => {
    const series = members.map((m, i) => {
      const s = m.series[definition.id];
      return s === undefined || s.points.length === 0 ? undefined : { ...s, company: companies[i]?.id ?? s.company };
    });
    const lacking = companies.filter((_c, i) => series[i] === undefined).map((c) => c.name);
    if (lacking.length === 0) return [metricOf(definition, series as Series[])];
    if (lacking.length < companies.length && !isRequiredMetric(definition)) warnings.push(`${definition.name} is left out: ${lacking.join(', ')} ${lacking.length === 1 ? 'has' : 'have'} no figures for it`);
    return [];
  });
  const document = {
    slug: input.slug,
    title: companies.map((c) => c.name).join(' vs ').slice(0, 120),
    summary: input.summary,
    companies,
    metrics,
    facts: [],
  };
  const check = parseRivalryDocument(document, input.slug);
  if (check.rivalry === undefined) return { ok: false, kind: 'invalid', failures: check.problems.map((p) => `the new rivalry would be invalid: ${describeProblem(p)}`) };
  return { ok: true, rivalry: check.rivalry, warnings };
}
