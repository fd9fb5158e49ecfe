import type { Basis, Company, DataPoint, Metric, Rivalry } from '../data/schema.js';
import { pointPeriod } from '../compare/align-periods.js';
import { pointsFor } from '../compare/basis-points.js';
import { yearOverYear } from '../compare/growth.js';
import { formatPercentChange, formatUsdMillions, ordinal } from '../format/numbers.js';
import { allVerified, basisAdjective, isStreakMark, milestoneId, periodWord, type Milestone, type MilestoneKind } from './milestone.js';

/** A streak must be at least this long for its end to be news. */
const ENDED_STREAK_MIN = 3;

/** Records, round-number thresholds and growth streaks of one company's series. */
export function detectCompanyMilestones(rivalry: Rivalry, metric: Metric, basis: Basis, company: Company): Milestone[] {
  const points = pointsFor(rivalry, metric, basis, company.id);
  const label = `${basisAdjective(basis)} ${metric.name.toLowerCase()}`;
  const out: Milestone[] = [];
  const make = (kind: MilestoneKind, point: DataPoint, headline: string, details: string[], involved: DataPoint[], extra?: number, routine = false): Milestone => {
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
  let previousWasRecord = false;
  let streak: DataPoint[] = [];
  points.forEach((point) => {
    // Records and thresholds, against the best figure so far.
    if (best !== undefined && point.value > best.value) {
      out.push(
        make('record', point, `${company.name} posts record ${label}: ${formatUsdMillions(point.value)}`, [
          `${pointPeriod(point)}: ${formatUsdMillions(point.value)}, previous high ${formatUsdMillions(best.value)} in ${best.fiscalLabel}`,
        ], [point, best], undefined, previousWasRecord),
      );
      const step = metric.thresholdStep;
      for (let mark = (Math.floor(best.value / step) + 1) * step; mark <= point.value; mark += step) {
        out.push(
          make('threshold', point, `${company.name}'s ${label} passes ${formatUsdMillions(mark)} for the first time`, [
            `${pointPeriod(point)}: ${formatUsdMillions(point.value)} (previous high ${formatUsdMillions(best.value)} in ${best.fiscalLabel})`,
          ], [point, best], mark),
        );
      }
      previousWasRecord = true;
    } else {
      previousWasRecord = false;
    }
    if (best === undefined || point.value > best.value) best = point;

    // Growth streaks, on year-over-year growth (same quarter a year earlier for quarters).
    const yoy = yearOverYear(points, point);
    if (yoy !== undefined && yoy.ratio > 0) {
      streak = [...streak, point];
      if (isStreakMark(streak.length)) {
        const first = streak[0] as DataPoint;
        out.push(
          make('growth-streak', point, `${company.name} grows ${label} for the ${ordinal(streak.length)} straight ${periodWord(basis, 1)}`, [
            `${pointPeriod(point)}: ${formatUsdMillions(point.value)} (${formatPercentChange(yoy.ratio)} year over year)`,
            `Growth every ${periodWord(basis, 1)} since ${first.fiscalLabel}`,
          ], [point, yoy.base, ...streak], streak.length),
        );
      }
    } else if (yoy !== undefined) {
      if (streak.length >= ENDED_STREAK_MIN) {
        out.push(
          make('streak-ended', point, `${company.name}'s ${streak.length}-${periodWord(basis, 1)} growth streak in ${label} ends`, [
            `${pointPeriod(point)}: ${formatUsdMillions(point.value)} (${formatPercentChange(yoy.ratio)} vs ${yoy.base.fiscalLabel})`,
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
