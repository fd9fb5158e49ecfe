import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import type { DataPoint } from '../data/schema.js';
import { parseDay } from '../format/dates.js';

/** A point one year earlier ends within this many days of one year before (52/53-week years included). */
const YEAR_TOLERANCE_DAYS = 20;

/** The point of the same basis whose period ends `years` years before `point`'s, if the series has it. */
export function pointYearsBefore(points: readonly DataPoint[], point: DataPoint, years: number): DataPoint | undefined {
  const end = parseDay(point.end);
  const target = new Date(end.getFullYear() - years, end.getMonth(), end.getDate());
  return points.find(
    (p) => p.basis === point.basis && Math.abs(differenceInCalendarDays(parseDay(p.end), target)) <= YEAR_TOLERANCE_DAYS,
  );
}

export interface Growth {
  ratio: number;
  base: DataPoint;
  years: number;
}

/** Year-over-year growth: against the same period one year earlier (for quarters, the same quarter). */
export function yearOverYear(points: readonly DataPoint[], point: DataPoint): Growth | undefined {
  const base = pointYearsBefore(points, point, 1);
  if (base === undefined || base.value === 0) return undefined;
  return { ratio: point.value / base.value - 1, base, years: 1 };
}

/** Compound annual growth rate over `years` years, when the series reaches back that far. */
export function cagr(points: readonly DataPoint[], point: DataPoint, years: number): Growth | undefined {
  const base = pointYearsBefore(points, point, years);
  if (base === undefined || base.value === 0) return undefined;
  return { ratio: (point.value / base.value) ** (1 / years) - 1, base, years };
}
