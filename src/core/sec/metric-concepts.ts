import type { Company } from '../data/schema.js';
import { METRIC_DEFINITIONS, type MetricDefinition } from '../metrics/metric-definitions.js';

/** The metrics stored from SEC filings (every stored metric with an SEC mapping), in the order replies list them. */
export const SEC_METRICS: readonly MetricDefinition[] = METRIC_DEFINITIONS.filter((d) => d.sec !== undefined && d.derived === undefined);

/** A rivalry needs revenue; every other metric is added where every company reports it. */
export const isRequiredMetric = (definition: Pick<MetricDefinition, 'id'>) => definition.id === 'revenue';

/** The us-gaap concepts tried for a metric of a company, in order: its own list for the metric, else (revenue) its `revenueConcepts`, else the metric's. */
export function listedConcepts(company: Company, definition: MetricDefinition): readonly string[] {
  return company.concepts?.[definition.id] ?? (definition.id === 'revenue' ? company.revenueConcepts : undefined) ?? definition.sec?.concepts ?? [];
}

/** "capital expenditures as reported to SEC (us-gaap:PaymentsToAcquireProductiveAssets)" */
export function secSeriesDefinition(definition: MetricDefinition, concept: string | undefined): string {
  return `${definition.sec?.words ?? definition.name.toLowerCase()} as reported to SEC (${concept ?? 'XBRL'})`;
}
