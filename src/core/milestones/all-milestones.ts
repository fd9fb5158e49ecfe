import type { Basis, Rivalry } from '../data/schema.js';
import { detectMilestones } from './detect-milestones.js';
import { metricsOf } from '../metrics/served-metrics.js';
import type { Milestone } from './milestone.js';

const BASES: readonly Basis[] = ['annual', 'quarter', 'ttm'];

/** Every milestone of a rivalry, over all its metrics and both bases: what alerts are computed from. */
export function allMilestones(rivalry: Rivalry): Milestone[] {
  return metricsOf(rivalry).flatMap((metric) => BASES.flatMap((basis) => detectMilestones(rivalry, metric, basis)));
}
