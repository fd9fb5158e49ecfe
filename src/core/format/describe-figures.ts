import type { Company, DataPoint, Metric, Source } from '../data/schema.js';
import { formatDay } from './dates.js';

/** Marks a figure that was not confirmed against the filing; explained by UNVERIFIED_NOTE. */
export const UNVERIFIED_MARK = '†';
export const UNVERIFIED_NOTE = `${UNVERIFIED_MARK} unverified: not confirmed against a copy of the filing; treat as approximate.`;

/** A figure computed from two others (a margin, free cash flow): its note names both inputs and their sources. */
export const isDerivedFigure = (point: DataPoint) => point.source.document.startsWith('Derived:') && point.source.form === 'derived';

/** "Form 10-K for fiscal 2026 (total revenues), accession 0000104169-26-000055, filed 13 Mar 2026" */
export function describeSource(source: Source): string {
  const parts = [source.document];
  if (source.accession !== undefined) parts.push(`accession ${source.accession}`);
  if (source.filed !== undefined) parts.push(`filed ${formatDay(source.filed)}`);
  if (source.url !== undefined) parts.push(source.url);
  return parts.join(', ');
}

/** "Amazon FY2025: Form 10-K for fiscal 2025 (net sales)" */
export function describePointSource(company: Company, point: DataPoint): string {
  const where = isDerivedFigure(point) && point.note !== undefined ? point.note : describeSource(point.source);
  return `${company.name} ${point.fiscalLabel}: ${where}${point.verified ? '' : ` (${UNVERIFIED_MARK} unverified)`}`;
}

/** "Amazon: net sales (Amazon's top line); Walmart: total revenues (…)" */
export function describeDefinitions(metric: Metric, companies: readonly Company[]): string {
  return companies
    .map((c) => `${c.name}: ${metric.series.find((s) => s.company === c.id)?.definition ?? metric.name.toLowerCase()}`)
    .join('; ');
}

/**
 * One line summarising where many figures come from, e.g. "Amazon: Form 10-K ×22;
 * Walmart: Form 10-K ×22" (quarters: "Form 10-Q ×6, derived from 10-K/10-Q ×2").
 */
export function summariseSources(groups: ReadonlyArray<{ company: Company; points: readonly DataPoint[] }>): string {
  return groups
    .map(({ company, points }) => {
      const counts = new Map<string, number>();
      for (const p of points) {
        // Dated documents ("six months to 2025-06-30") group by their kind, not one entry per period.
        const key = p.source.document.startsWith('Derived')
          ? `derived (${p.source.document.replace(/^Derived:\s*/, '').replace(/ (to|ended|ending) \d{4}-\d{2}-\d{2}/g, '')})`
          : p.source.form === 'derived'
            ? 'sums of four quarterly figures'
            : p.source.form === undefined || p.source.form === 'secondary'
              ? 'secondary source (unverified)'
              : `Form ${p.source.form}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return `${company.name}: ${[...counts].map(([k, n]) => `${k} ×${n}`).join(', ')}`;
    })
    .join('; ');
}
