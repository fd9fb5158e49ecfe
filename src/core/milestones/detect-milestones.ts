import type { Basis, Metric, Rivalry } from '../data/schema.js';
import { detectCompanyMilestones } from './detect-company-milestones.js';
import { detectGapStreaks } from './detect-gap-streaks.js';
import { detectLeadChanges } from './detect-lead-changes.js';
import { MILESTONE_KINDS, type Milestone } from './milestone.js';

/** Every milestone in one metric's series of one basis, oldest first (kind order within a period). */
export function detectMilestones(rivalry: Rivalry, metric: Metric, basis: Basis): Milestone[] {
  const all = [
    ...detectLeadChanges(rivalry, metric, basis),
    ...rivalry.companies.flatMap((c) => detectCompanyMilestones(rivalry, metric, basis, c)),
    ...detectGapStreaks(rivalry, metric, basis),
  ];
  const kindOrder = (m: Milestone) => MILESTONE_KINDS.indexOf(m.kind);
  return all.sort((x, y) => x.periodEnd.localeCompare(y.periodEnd) || kindOrder(x) - kindOrder(y) || x.id.localeCompare(y.id));
}
