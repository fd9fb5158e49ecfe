import type { Basis, Metric, Rivalry } from '../data/schema.js';
import { memoByMetric } from '../data/memo.js';
import { detectCompanyMilestones } from './detect-company-milestones.js';
import { detectGapStreaks } from './detect-gap-streaks.js';
import { detectLeadChanges } from './detect-lead-changes.js';
import { MILESTONE_KINDS, type Milestone } from './milestone.js';

/** Every milestone in one metric's series of one basis, newest first; within a period, the most newsworthy first. */
export const detectMilestones = memoByMetric(detect);

function detect(rivalry: Rivalry, metric: Metric, basis: Basis): Milestone[] {
  const all = [
    ...detectLeadChanges(rivalry, metric, basis),
    ...rivalry.companies.flatMap((c) => detectCompanyMilestones(rivalry, metric, basis, c)),
    ...detectGapStreaks(rivalry, metric, basis),
  ];
  const rank = (m: Milestone) => MILESTONE_KINDS.indexOf(m.kind);
  return all.sort((x, y) => y.periodEnd.localeCompare(x.periodEnd) || rank(x) - rank(y) || x.id.localeCompare(y.id));
}
