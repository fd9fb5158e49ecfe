import type { Basis, Company, DataPoint, Metric, Rivalry } from '../data/schema.js';
import { pointPeriod } from '../compare/align-periods.js';
import { pointsFor } from '../compare/basis-points.js';
import { yearOverYear } from '../compare/growth.js';
import { ordinal } from '../format/numbers.js';
import { formatGrowth, formatValue, thresholdStep } from '../metrics/format-metric.js';
import { definitionOf } from '../metrics/served-metrics.js';
import { allVerified, basisAdjective, isStreakMark, milestoneId, periodWord, type Milestone, type MilestoneKind } from './milestone.js';

/** A streak must be at least this long for its end to be news. */
const ENDED_STREAK_MIN = 3;

/**
 * Records, round-number thresholds (scaled to the metric), sign changes (a first loss, a return to
 * profit) and growth streaks of one company's series.
 */
export function detectCompanyMilestones(rivalry: Rivalry, metric: Metric, basis: Basis, company: Company): Milestone[] {
  const points = pointsFor(rivalry, metric, basis, company.id);
  const label = `${basisAdjective(basis)} ${metric.name.toLowerCase()}`;
  const value = (p: DataPoint) => formatValue(metric, p.value);
  const definition = definitionOf(metric);
  const signWords = definition.signWords;
  const step = thresholdStep(metric);
  const out: Milestone[] = [];
  const make = (kind: MilestoneKind, point: DataPoint, headline: string, details: string[], involved: DataPoint[], extra?: number | string, routine = false): Milestone => {
    const figures = [...new Set(involved)].map((p) => ({ company, point: p }));
    return {
      id: milestoneId({ rivalry: rivalry.slug, metric: metric.id, basis, kind, subject: company.id, periodEnd: point.end, ...(extra === undefined ? {} : { extra }) }),
      kind,
      rivalry: rivalry.slug,
      metric: metric.id,
      basis,
      companyId: company.id,
      periodEnd: point.end,
      periodLabel: `${company.name} ${point.fiscalLabel}`,
      headline,
      details,
      verified: allVerified(figures),
      routine,
      figures,
    };
  };

  let best: DataPoint | undefined;
  let previous: DataPoint | undefined;
  let previousWasRecord = false;
  let streak: DataPoint[] = [];
  points.forEach((point, i) => {
    // Crossing zero: a first loss, a return to profit, cash flow turning negative.
    if (signWords !== undefined && previous !== undefined && Math.sign(point.value) !== Math.sign(previous.value) && point.value !== 0) {
      const negative = point.value < 0;
      const lastSame = points.slice(0, i).reverse().find((p) => (negative ? p.value < 0 : p.value > 0));
      const since = lastSame === undefined ? 'the first on record' : `the first since ${lastSame.fiscalLabel}`;
      out.push(
        make('sign-change', point, `${company.name} ${negative ? signWords.negative : signWords.positive}: ${label} ${value(point)} in ${point.fiscalLabel}, ${since}`, [
          `${pointPeriod(point)}: ${value(point)}, after ${value(previous)} in ${previous.fiscalLabel}`,
        ], [point, previous], negative ? 'negative' : 'positive'),
      );
    }
    // Records and thresholds, against the best figure so far (a least-bad loss is not a record).
    if (best !== undefined && point.value > best.value && point.value > 0) {
      out.push(
        make('record', point, `${company.name} posts record ${label}: ${value(point)}`, [
          `${pointPeriod(point)}: ${value(point)}, previous high ${value(best)} in ${best.fiscalLabel}`,
        ], [point, best], undefined, previousWasRecord),
      );
      for (let mark = Math.max(step, (Math.floor(best.value / step) + 1) * step); mark <= point.value; mark += step) {
        out.push(
          make('threshold', point, `${company.name}'s ${label} passes ${formatValue(metric, mark)} for the first time`, [
            `${pointPeriod(point)}: ${value(point)} (previous high ${value(best)} in ${best.fiscalLabel})`,
          ], [point, best], mark),
        );
      }
      previousWasRecord = true;
    } else {
      previousWasRecord = false;
    }
    if (best === undefined || point.value > best.value) best = point;
    previous = point;

    // Growth streaks, on year-over-year change (same quarter a year earlier for quarters).
    const yoy = yearOverYear(points, point, { signed: definition.sign === 'signed' });
    if (yoy !== undefined && yoy.change > 0) {
      streak = [...streak, point];
      if (isStreakMark(streak.length)) {
        const first = streak[0] as DataPoint;
        out.push(
          make('growth-streak', point, `${company.name} grows ${label} for the ${ordinal(streak.length)} straight ${periodWord(basis, 1)}`, [
            `${pointPeriod(point)}: ${value(point)} (${formatGrowth(metric, yoy)} year over year)`,
            `Growth every ${periodWord(basis, 1)} since ${first.fiscalLabel}`,
          ], [point, yoy.base, ...streak], streak.length),
        );
      }
    } else if (yoy !== undefined) {
      if (streak.length >= ENDED_STREAK_MIN) {
        out.push(
          make('streak-ended', point, `${company.name}'s ${streak.length}-${periodWord(basis, 1)} growth streak in ${label} ends`, [
            `${pointPeriod(point)}: ${value(point)} (${formatGrowth(metric, yoy)} vs ${yoy.base.fiscalLabel})`,
          ], [point, yoy.base, ...streak], streak.length),
        );
      }
      streak = [];
    } else {
      streak = [];
    }
  });
  return out;
}
