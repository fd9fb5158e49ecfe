import type { Basis, Company, Metric, Rivalry } from '../data/schema.js';
import { alignPeriods, entryFor, isComplete, type ComparableRow, type CompanyPoint } from './align-periods.js';
import { pointsFor } from './basis-points.js';
import { cagr, yearOverYear, type Growth } from './growth.js';
import { definitionOf } from '../metrics/served-metrics.js';

export const CAGR_YEARS = [5, 10, 20] as const;

export interface Standing extends CompanyPoint {
  yoy?: Growth;
  cagrs: Growth[];
}

export interface LeadSpan {
  /** First row of the leader's current unbroken run. */
  since: ComparableRow;
  rows: number;
  /** True when the leader never led in any earlier row of the data. */
  firstEver: boolean;
  /** True when the leader led in every row of the data. */
  always: boolean;
  /** First row of the data (for "records begin …"). */
  dataStart: ComparableRow;
}

export interface Outlook {
  leaderNext: number;
  runnerUpNext: number;
  /** Whole periods until the runner-up would overtake at current rates; undefined when it never would. */
  periodsToOvertake?: number;
}

export interface Comparison {
  rivalry: Rivalry;
  metric: Metric;
  basis: Basis;
  row: ComparableRow;
  /** Highest value first. */
  standings: Standing[];
  leader: Standing;
  runnerUp: Standing;
  /** leader minus runner-up (zero: a tie), and that gap relative to the runner-up where that means something (money, a positive runner-up). */
  gap: number;
  gapRatio?: number;
  leadSpan: LeadSpan;
  previous?: { row: ComparableRow; gap: number; leaderId: string };
  outlook?: Outlook;
  /** Figures for periods newer than the compared one, whose counterparts are not out yet. */
  newer: CompanyPoint[];
}


/** Ranks a complete row, highest value first (ties keep rivalry order). */
export function rankRow(row: ComparableRow): CompanyPoint[] {
  return [...row.entries].sort((a, b) => b.point.value - a.point.value);
}

/** The company ahead in a row, or undefined on an exact tie at the top. */
export function rowLeader(row: ComparableRow): Company | undefined {
  const [first, second] = rankRow(row);
  if (first === undefined || (second !== undefined && second.point.value === first.point.value)) return undefined;
  return first.company;
}

/**
 * Compares the latest period in which every company has a figure: who leads, by how much,
 * since when, how the gap moved against the period before, and an outlook at current growth rates.
 * Undefined when no period has a figure from every company.
 */
export function compareLatest(rivalry: Rivalry, metric: Metric, basis: Basis): Comparison | undefined {
  const rows = alignPeriods(rivalry, metric, basis);
  const complete = rows.filter((r) => isComplete(r, rivalry));
  const row = complete.at(-1);
  const dataStart = complete[0];
  if (row === undefined || dataStart === undefined) return undefined;

  const standings: Standing[] = rankRow(row).map((entry) => {
    const points = pointsFor(rivalry, metric, basis, entry.company.id);
    const options = { signed: definitionOf(metric).sign === 'signed' };
    const yoy = yearOverYear(points, entry.point, options);
    // Compound growth of a ratio (a margin) means nothing: its change is in percentage points.
    const cagrs = metric.unit === 'percent' ? [] : CAGR_YEARS.map((y) => cagr(points, entry.point, y, options)).filter((g): g is Growth => g !== undefined);
    return { ...entry, ...(yoy === undefined ? {} : { yoy }), cagrs };
  });
  const [leader, runnerUp] = standings;
  if (leader === undefined || runnerUp === undefined) return undefined;
  const gap = leader.point.value - runnerUp.point.value;

  const prevRow = complete.at(-2);
  const previous =
    prevRow === undefined
      ? undefined
      : {
          row: prevRow,
          gap: (entryFor(prevRow, leader.company.id)?.point.value ?? 0) - (entryFor(prevRow, runnerUp.company.id)?.point.value ?? 0),
          leaderId: rowLeader(prevRow)?.id ?? '',
        };

  const comparison: Comparison = {
    rivalry,
    metric,
    basis,
    row,
    standings,
    leader,
    runnerUp,
    gap,
    ...(metric.unit === 'percent' || runnerUp.point.value <= 0 ? {} : { gapRatio: gap / runnerUp.point.value }),
    leadSpan: leadSpan(complete, leader.company.id, dataStart),
    newer: rows.filter((r) => r.end > row.end).flatMap((r) => r.entries),
    ...(previous === undefined ? {} : { previous }),
  };
  // Projecting growth rates only makes sense for amounts that stay positive (revenue, capex), not profits or margins.
  const outlook = definitionOf(metric).sign === 'nonnegative' && metric.unit === 'USD' ? outlookAtCurrentRates(leader, runnerUp, basis) : undefined;
  return outlook === undefined ? comparison : { ...comparison, outlook };
}

function leadSpan(complete: ComparableRow[], leaderId: string, dataStart: ComparableRow): LeadSpan {
  let start = complete.length - 1;
  while (start > 0 && rowLeader(complete[start - 1] as ComparableRow)?.id === leaderId) start -= 1;
  const earlier = complete.slice(0, start);
  return {
    since: complete[start] as ComparableRow,
    rows: complete.length - start,
    firstEver: !earlier.some((r) => rowLeader(r)?.id === leaderId),
    always: start === 0,
    dataStart,
  };
}

/** Projects one year ahead at each company's latest year-over-year rate. Clearly not a forecast. */
function outlookAtCurrentRates(leader: Standing, runnerUp: Standing, basis: Basis): Outlook | undefined {
  const leaderRate = leader.yoy?.ratio;
  const runnerUpRate = runnerUp.yoy?.ratio;
  if (leaderRate === undefined || runnerUpRate === undefined || basis !== 'annual' || runnerUp.point.value <= 0) return undefined;
  const gl = 1 + leaderRate;
  const gr = 1 + runnerUpRate;
  const outlook: Outlook = { leaderNext: leader.point.value * gl, runnerUpNext: runnerUp.point.value * gr };
  if (gr > gl && runnerUp.point.value > 0 && leader.point.value > runnerUp.point.value) {
    const periods = Math.ceil(Math.log(leader.point.value / runnerUp.point.value) / Math.log(gr / gl));
    return { ...outlook, periodsToOvertake: periods };
  }
  return outlook;
}
