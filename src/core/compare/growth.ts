import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import type { DataPoint } from '../data/schema.js';
import { parseDay } from '../format/dates.js';

/** A point one year earlier ends within this many days of one year before (52/53-week years included). */
const YEAR_TOLERANCE_DAYS = 20;

/**
 * For figures that swing through zero (profits, cash flow), a base this small next to the series'
 * largest makes a growth rate meaningless (a profit of $0.1B growing to $10B is not "+9,900%"):
 * growth is then "n/m". Revenue that grew 80-fold over 20 years is real growth, so this applies to
 * signed metrics only.
 */
const NEAR_ZERO_SHARE = 0.05;

/** signed: the metric can be negative, so a small base may be noise around zero. */
export interface GrowthOptions {
  signed: boolean;
}

/** The point of the same basis whose period ends `years` years before `point`'s, if the series has it. */
export function pointYearsBefore(points: readonly DataPoint[], point: DataPoint, years: number): DataPoint | undefined {
  const end = parseDay(point.end);
  const target = new Date(end.getFullYear() - years, end.getMonth(), end.getDate());
  return points.find(
    (p) => p.basis === point.basis && Math.abs(differenceInCalendarDays(parseDay(p.end), target)) <= YEAR_TOLERANCE_DAYS,
  );
}

export interface Growth {
  /** Relative growth (0.1 = +10%); undefined ("n/m") when the base is negative or near zero. */
  ratio?: number;
  /** The absolute change (what ratios such as margins report, in percentage points). */
  change: number;
  base: DataPoint;
  years: number;
}

function meaningfulBase(points: readonly DataPoint[], base: DataPoint, { signed }: GrowthOptions): boolean {
  if (base.value <= 0) return false;
  return !signed || base.value >= NEAR_ZERO_SHARE * Math.max(...points.map((p) => Math.abs(p.value)));
}

/** Year-over-year growth: against the same period one year earlier (for quarters, the same quarter). */
export function yearOverYear(points: readonly DataPoint[], point: DataPoint, options: GrowthOptions = { signed: false }): Growth | undefined {
  const base = pointYearsBefore(points, point, 1);
  if (base === undefined) return undefined;
  const change = point.value - base.value;
  return { ...(meaningfulBase(points, base, options) ? { ratio: point.value / base.value - 1 } : {}), change, base, years: 1 };
}

/** Compound annual growth rate over `years` years: only between two positive figures, and from a meaningful base. */
export function cagr(points: readonly DataPoint[], point: DataPoint, years: number, options: GrowthOptions = { signed: false }): Growth | undefined {
  const base = pointYearsBefore(points, point, years);
  if (base === undefined || point.value <= 0 || !meaningfulBase(points, base, options)) return undefined;
  return { ratio: (point.value / base.value) ** (1 / years) - 1, change: point.value - base.value, base, years };
}
