import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import type { Basis, Company, DataPoint, Metric, Rivalry } from '../data/schema.js';
import { memoByMetric } from '../data/memo.js';
import { periodsNoun } from '../format/basis-words.js';
import { pointsFor } from './basis-points.js';
import { formatPeriod, parseDay } from '../format/dates.js';

/**
 * Periods of different companies are comparable when they end close together: fiscal years
 * ending within ~2 months (Amazon Jan–Dec vs Walmart Feb–Jan), quarters within ~1.5 months.
 */
export const ALIGN_TOLERANCE_DAYS: Record<Basis, number> = { annual: 62, quarter: 45, ttm: 45 };

export interface CompanyPoint {
  company: Company;
  point: DataPoint;
}

/** One comparable period: each company's figure for it (some may be missing). */
export interface ComparableRow {
  basis: Basis;
  /** In rivalry company order; companies without a figure for this period are absent. */
  entries: CompanyPoint[];
  /** Latest period end among the entries: the row's position on the timeline. */
  end: string;
  /** Earliest period end among the entries: where "since YEAR" filters. */
  firstEnd: string;
  /** Days between the earliest and latest period end in the row. */
  endSpreadDays: number;
}

export function isComplete(row: ComparableRow, rivalry: Rivalry): boolean {
  return row.entries.length === rivalry.companies.length;
}

export function entryFor(row: ComparableRow, companyId: string): CompanyPoint | undefined {
  return row.entries.find((e) => e.company.id === companyId);
}

/**
 * Groups every company's points of one basis into comparable rows, oldest first. Points are taken
 * in order of period end; a point joins the newest row when that row has no figure for its company
 * yet and ends within the tolerance, otherwise it starts a new row.
 */
export const alignPeriods = memoByMetric(computeRows);

function computeRows(rivalry: Rivalry, metric: Metric, basis: Basis): ComparableRow[] {
  const all: CompanyPoint[] = [];
  for (const company of rivalry.companies) {
    for (const point of pointsFor(rivalry, metric, basis, company.id)) all.push({ company, point });
  }
  all.sort((a, b) => a.point.end.localeCompare(b.point.end));

  const tolerance = ALIGN_TOLERANCE_DAYS[basis];
  const groups: CompanyPoint[][] = [];
  for (const item of all) {
    const current = groups.at(-1);
    const first = current?.[0];
    if (
      current !== undefined &&
      first !== undefined &&
      !current.some((e) => e.company.id === item.company.id) &&
      differenceInCalendarDays(parseDay(item.point.end), parseDay(first.point.end)) <= tolerance
    ) {
      current.push(item);
    } else {
      groups.push([item]);
    }
  }
  const order = new Map(rivalry.companies.map((c, i) => [c.id, i]));
  return groups.map((entries) => {
    entries.sort((a, b) => (order.get(a.company.id) ?? 0) - (order.get(b.company.id) ?? 0));
    const ends = entries.map((e) => e.point.end).sort();
    const firstEnd = ends[0] ?? '';
    const lastEnd = ends.at(-1) ?? '';
    return { basis, entries, end: lastEnd, firstEnd, endSpreadDays: differenceInCalendarDays(parseDay(lastEnd), parseDay(firstEnd)) };
  });
}

/** "Amazon FY2025 vs Walmart FY2026" */
export function rowLabel(row: ComparableRow): string {
  return row.entries.map((e) => `${e.company.name} ${e.point.fiscalLabel}`).join(' vs ');
}

/** "Amazon FY2025 (Jan–Dec 2025) vs Walmart FY2026 (Feb 2025–Jan 2026)" */
export function rowPeriods(row: ComparableRow): string {
  return row.entries.map((e) => `${e.company.name} ${pointPeriod(e.point)}`).join(' vs ');
}

/** "FY2025 (Jan–Dec 2025)" */
export function pointPeriod(point: DataPoint): string {
  return `${point.fiscalLabel} (${formatPeriod(point.start, point.end)})`;
}

/** Why these periods are compared, in words, when they are not identical. */
export function alignmentNote(row: ComparableRow): string | undefined {
  if (row.endSpreadDays === 0) return undefined;
  const unit = periodsNoun(row.basis);
  const months = Math.round(row.endSpreadDays / 30.4);
  const gap = months >= 1 ? `${months} month${months === 1 ? '' : 's'}` : `${row.endSpreadDays} days`;
  return `Compared as the same period: ${unit} that end within ${gap} of each other.`;
}
