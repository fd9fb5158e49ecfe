import type { Company, Rivalry, Series } from '../../core/data/schema.js';
import type { MetricDefinition } from '../../core/metrics/metric-definitions.js';
import type { CompanyFacts } from '../../core/sec/company-facts.js';
import { extractMetric, seriesFromSec, type Extracted } from '../../core/sec/extract-metric.js';
import { SEC_METRICS } from '../../core/sec/metric-concepts.js';
import { mergeSeries, type SeriesChange } from '../../core/sec/merge-series.js';

/** A change to one company's figures of one metric (its id) in one rivalry. */
export type SyncChange = SeriesChange & { rivalry: string; metric: string };

/** What syncing a rivalry's metrics found: the rivalry as it would be, and what to report. */
export interface MetricsSync {
  rivalry: Rivalry;
  changes: SyncChange[];
  /** Metric ids the rivalry did not have and now does. */
  added: string[];
  warnings: string[];
  /** When any: this rivalry must not be written (nor anything else in the sync). */
  failures: string[];
}

/** A stored metric as files hold it, from one series per company. */
export const storedMetric = (definition: MetricDefinition, series: Series[]): Rivalry['metrics'][number] => ({ id: definition.id, name: definition.name, unit: 'USD', scale: 'millions', kind: 'flow', series });

/**
 * Brings every stored metric of a rivalry up to date from its companies' facts (fetched once, by
 * the caller). A metric it holds is merged company by company; an extraction error fails the sync.
 * A metric it lacks is added when SEC has figures for every company, and otherwise left out with
 * the reason as a warning (an error in figures nobody relies on yet must not stop the others).
 */
export function syncMetrics(rivalry: Rivalry, name: string, factsOf: ReadonlyMap<string, CompanyFacts>): MetricsSync {
  const out: MetricsSync = { rivalry, changes: [], added: [], warnings: [], failures: [] };
  let metrics = rivalry.metrics;
  for (const definition of SEC_METRICS) {
    const extracted = new Map<string, Extracted>();
    for (const company of rivalry.companies) {
      const facts = factsOf.get(company.id);
      if (facts !== undefined) extracted.set(company.id, extractMetric(facts, company, definition));
    }
    const held = metrics.find((m) => m.id === definition.id);
    const errors = [...extracted.values()].flatMap((e) => e.errors);
    out.warnings.push(...[...extracted.values()].flatMap((e) => e.warnings).map((w) => `${name}: ${w}`));
    if (held !== undefined) {
      out.failures.push(...errors.map((e) => `${name}: ${e}`));
      if (errors.length > 0) continue;
      const series = held.series.map((s) => {
        const company = rivalry.companies.find((c) => c.id === s.company);
        const incoming = extracted.get(s.company)?.points ?? [];
        if (company === undefined || incoming.length === 0) return s;
        const merged = mergeSeries(s.points, incoming, company.name);
        out.changes.push(...merged.changes.map((c) => ({ ...c, rivalry: name, metric: definition.id })));
        return { ...s, points: merged.points };
      });
      metrics = metrics.map((m) => (m === held ? { ...m, series } : m));
      continue;
    }
    if (errors.length > 0) {
      out.warnings.push(`${name}: ${definition.name.toLowerCase()} not added, its figures failed the checks: ${errors.join('; ')}`);
      continue;
    }
    const series = rivalry.companies.map((c: Company) => seriesFromSec(c, definition, extracted.get(c.id)?.points ?? []));
    if (series.some((s) => s === undefined)) continue; // the extraction warnings say who lacks it
    const complete = series as Series[];
    metrics = [...metrics, storedMetric(definition, complete)];
    out.added.push(definition.id);
    for (const s of complete) {
      const company = rivalry.companies.find((c) => c.id === s.company)?.name ?? s.company;
      out.changes.push(...mergeSeries([], s.points, company).changes.map((c) => ({ ...c, rivalry: name, metric: definition.id })));
    }
  }
  out.rivalry = { ...rivalry, metrics };
  return out;
}
