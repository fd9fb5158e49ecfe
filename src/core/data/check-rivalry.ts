import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { getDaysInMonth } from 'date-fns/getDaysInMonth';
import type { Basis, DataPoint, Rivalry } from './schema.js';
import { parseDay } from '../format/dates.js';
import { metricDefinition } from '../metrics/metric-definitions.js';

/** A problem found in a data file: JSON path (e.g. "metrics[0].series[1].points[3].end") and what is wrong. */
export interface DataIssue {
  path: string;
  message: string;
}

/** Period lengths we accept, in days, per basis (52/53-week fiscal years included). */
const PERIOD_DAYS: Record<Basis, { min: number; max: number; words: string }> = {
  annual: { min: 357, max: 372, words: 'about one year (357–372 days)' },
  quarter: { min: 84, max: 98, words: 'about one quarter (84–98 days)' },
  ttm: { min: 357, max: 372, words: 'about one year (357–372 days)' },
};
/** A 52/53-week fiscal year may end a few days off its nominal month-day. */
const FISCAL_END_TOLERANCE_DAYS = 7;

/**
 * Checks what the schema alone cannot: references between companies, series and facts,
 * and that each series is a clean timeline (sorted, no overlaps, sensible period lengths).
 */
export function checkRivalry(rivalry: Rivalry): DataIssue[] {
  const issues: DataIssue[] = [];
  const companyIds = new Set<string>();
  rivalry.companies.forEach((c, i) => {
    if (companyIds.has(c.id)) issues.push({ path: `companies[${i}].id`, message: `duplicate company id "${c.id}"` });
    companyIds.add(c.id);
  });
  const known = [...companyIds].map((id) => `"${id}"`).join(', ');

  const metricIds = new Set<string>();
  rivalry.metrics.forEach((metric, m) => {
    if (metricIds.has(metric.id)) issues.push({ path: `metrics[${m}].id`, message: `duplicate metric id "${metric.id}"` });
    metricIds.add(metric.id);
    const definition = metricDefinition(metric.id, metric.name);
    if (definition.derived !== undefined) {
      issues.push({ path: `metrics[${m}].id`, message: `"${metric.id}" is derived by the bot (${definition.definition}); store its inputs instead` });
    }
    if (definition.sign === 'nonnegative') {
      metric.series.forEach((series, s) =>
        series.points.forEach((p, k) => {
          if (p.value < 0) issues.push({ path: `metrics[${m}].series[${s}].points[${k}].value`, message: `${metric.name.toLowerCase()} cannot be negative (${definition.definition})` });
        }),
      );
    }
    const seen = new Set<string>();
    metric.series.forEach((series, s) => {
      const base = `metrics[${m}].series[${s}]`;
      if (!companyIds.has(series.company)) {
        issues.push({ path: `${base}.company`, message: `unknown company "${series.company}"; companies in this file: ${known}` });
      }
      if (seen.has(series.company)) {
        issues.push({ path: `${base}.company`, message: `a second series for "${series.company}"; one series per company per metric` });
      }
      seen.add(series.company);
      const company = rivalry.companies.find((c) => c.id === series.company);
      issues.push(...checkTimeline(series.points, `${base}.points`, company?.fiscalYearEnd));
    });
    for (const c of rivalry.companies) {
      if (!seen.has(c.id)) issues.push({ path: `metrics[${m}].series`, message: `no series for company "${c.id}"` });
    }
  });

  const factIds = new Set<string>();
  rivalry.facts.forEach((fact, f) => {
    if (factIds.has(fact.id)) issues.push({ path: `facts[${f}].id`, message: `duplicate fact id "${fact.id}"` });
    factIds.add(fact.id);
    fact.companies.forEach((id, k) => {
      if (!companyIds.has(id)) issues.push({ path: `facts[${f}].companies[${k}]`, message: `unknown company "${id}"; companies in this file: ${known}` });
    });
  });
  return issues;
}

function checkTimeline(points: DataPoint[], base: string, fiscalYearEnd: string | undefined): DataIssue[] {
  const issues: DataIssue[] = [];
  const lastByBasis = new Map<Basis, { point: DataPoint; index: number }>();
  const labels = new Set<string>();
  points.forEach((p, i) => {
    const path = `${base}[${i}]`;
    if (p.basis === 'ttm') issues.push({ path: `${path}.basis`, message: 'trailing-twelve-month figures are derived from the quarters: store "annual" and "quarter" points only' });
    if (labels.has(p.fiscalLabel)) issues.push({ path: `${path}.fiscalLabel`, message: `duplicate fiscal label "${p.fiscalLabel}"` });
    labels.add(p.fiscalLabel);

    const days = differenceInCalendarDays(parseDay(p.end), parseDay(p.start)) + 1;
    const allowed = PERIOD_DAYS[p.basis];
    if (days < allowed.min || days > allowed.max) {
      issues.push({ path: `${path}.end`, message: `a ${p.basis} period must span ${allowed.words}; ${p.start}..${p.end} spans ${days} days` });
    }
    if (p.basis === 'annual' && fiscalYearEnd !== undefined && !endsNear(p.end, fiscalYearEnd)) {
      issues.push({ path: `${path}.end`, message: `annual period ends ${p.end}, but the company's fiscal year ends on ${fiscalYearEnd} (±${FISCAL_END_TOLERANCE_DAYS} days)` });
    }
    const previous = lastByBasis.get(p.basis);
    if (previous !== undefined) {
      if (p.end <= previous.point.end) {
        issues.push({ path: `${path}.end`, message: `${p.basis} points must be sorted by period, oldest first; ${p.fiscalLabel} (ends ${p.end}) comes after ${previous.point.fiscalLabel} (ends ${previous.point.end})` });
      } else if (p.start <= previous.point.end) {
        issues.push({ path: `${path}.start`, message: `${p.fiscalLabel} (${p.start}..${p.end}) overlaps ${previous.point.fiscalLabel} (${previous.point.start}..${previous.point.end}) at ${base}[${previous.index}]` });
      }
    }
    lastByBasis.set(p.basis, { point: p, index: i });
  });
  return issues;
}

function endsNear(end: string, monthDay: string): boolean {
  const endDate = parseDay(end);
  const year = endDate.getFullYear();
  const [month = 1, day = 1] = monthDay.split('-').map(Number);
  return [year - 1, year, year + 1].some((y) => {
    // Clamp so a "02-29" year end still has a nominal date in non-leap years.
    const nominal = new Date(y, month - 1, Math.min(day, getDaysInMonth(new Date(y, month - 1, 1))));
    return Math.abs(differenceInCalendarDays(endDate, nominal)) <= FISCAL_END_TOLERANCE_DAYS;
  });
}
