import type { Company } from '../data/schema.js';
import { metricDefinition } from '../metrics/metric-definitions.js';
import type { CompanyFacts } from './company-facts.js';
import { extractMetric, type Extracted } from './extract-metric.js';
import { listedConcepts } from './metric-concepts.js';

export type { Extracted } from './extract-metric.js';

/** Revenue per period from SEC company facts: `extractMetric` for revenue, with the concepts given or the company's. */
export function extractRevenue(facts: CompanyFacts, company: Company, concepts?: readonly string[]): Extracted {
  const revenue = metricDefinition('revenue');
  return extractMetric(facts, company, revenue, concepts ?? listedConcepts(company, revenue));
}
