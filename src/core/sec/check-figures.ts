import type { Company, DataPoint } from '../data/schema.js';
import { formatExactMillions } from '../format/numbers.js';
import type { MetricDefinition } from '../metrics/metric-definitions.js';

/** A derived figure below zero for a metric that cannot be: the filings it comes from do not add up. */
export function negativeDerived(points: readonly DataPoint[], definition: MetricDefinition, company: Company): string[] {
  if (definition.sign !== 'nonnegative') return [];
  return points
    .filter((p) => p.value < 0)
    .map((p) => `${company.name} ${p.fiscalLabel} (${p.source.concept ?? ''}): derived ${definition.name.toLowerCase()} is negative (${formatExactMillions(p.value)} million: ${p.note ?? p.source.document})`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * A figure 100 times its predecessor (or a hundredth of it) is a unit slip, not news. That holds
 * between two positive figures of a metric that cannot go negative. A signed metric near zero moves
 * by any factor (net income of 50 after 6,000 is a bad year), so there only two figures of the same
 * sign that are both large for the company (a tenth of its typical size or more) are compared.
 */
export function absurdJumps(points: readonly DataPoint[], definition: MetricDefinition, company: Company): string[] {
  const out: string[] = [];
  for (const basis of ['annual', 'quarter'] as const) {
    const series = points.filter((p) => p.basis === basis);
    const large = median(series.map((p) => Math.abs(p.value))) / 10;
    for (let i = 1; i < series.length; i += 1) {
      const prev = series[i - 1] as DataPoint;
      const cur = series[i] as DataPoint;
      if (prev.value === 0 || cur.value === 0 || Math.sign(prev.value) !== Math.sign(cur.value)) continue;
      if (definition.sign === 'signed' && Math.min(Math.abs(prev.value), Math.abs(cur.value)) < large) continue;
      const ratio = cur.value / prev.value;
      if (ratio >= 100 || ratio <= 0.01) {
        out.push(`${company.name} ${cur.fiscalLabel} (${cur.source.concept ?? ''}): ${formatExactMillions(cur.value)} million after ${formatExactMillions(prev.value)} in ${prev.fiscalLabel}: a 100× jump, probably a unit error in the filing data`);
      }
    }
  }
  return out;
}
