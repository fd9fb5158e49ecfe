import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { memoByMetric } from '../data/memo.js';
import type { Basis, DataPoint, Metric, Rivalry } from '../data/schema.js';
import { parseDay } from '../format/dates.js';

/** Consecutive quarters may be a few days apart in 52/53-week calendars. */
const MAX_QUARTER_GAP_DAYS = 7;

/** Trailing twelve months: every run of four back-to-back quarters, summed, labelled by its last quarter. */
export function trailingTwelveMonths(points: readonly DataPoint[]): DataPoint[] {
  const quarters = points.filter((p) => p.basis === 'quarter');
  const out: DataPoint[] = [];
  for (let i = 3; i < quarters.length; i += 1) {
    const window = quarters.slice(i - 3, i + 1);
    const contiguous = window.every((q, k) => k === 0 || differenceInCalendarDays(parseDay(q.start), addDays(parseDay((window[k - 1] as DataPoint).end), 1)) <= MAX_QUARTER_GAP_DAYS);
    if (!contiguous) continue;
    const first = window[0] as DataPoint;
    const last = window[3] as DataPoint;
    out.push({
      fiscalLabel: `TTM ${last.fiscalLabel}`,
      basis: 'ttm',
      start: first.start,
      end: last.end,
      value: window.reduce((sum, q) => sum + q.value, 0),
      verified: window.every((q) => q.verified),
      source: { document: `Sum of four quarters, ${first.fiscalLabel} to ${last.fiscalLabel} (${[...new Set(window.map((q) => q.source.form ?? 'web'))].join(', ')})`, form: 'derived' },
      note: window.map((q) => `${q.fiscalLabel}: ${q.source.document}${q.source.accession === undefined ? '' : `, accession ${q.source.accession}`}`).join('; '),
    });
  }
  return out;
}

function compute(rivalry: Rivalry, metric: Metric, basis: Basis): Map<string, DataPoint[]> {
  return new Map(
    metric.series.map((s) => [s.company, basis === 'ttm' ? trailingTwelveMonths(s.points) : s.points.filter((p) => p.basis === basis)]),
  );
}

const byCompany = memoByMetric(compute);

/** One company's figures on a basis (TTM derived from its quarters), oldest first. */
export function pointsFor(rivalry: Rivalry, metric: Metric, basis: Basis, companyId: string): DataPoint[] {
  return byCompany(rivalry, metric, basis).get(companyId) ?? [];
}
