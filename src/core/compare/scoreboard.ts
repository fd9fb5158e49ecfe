import type { Basis, Company, Metric, Rivalry } from '../data/schema.js';
import { metricsOf } from '../metrics/served-metrics.js';
import { compareLatest, type Comparison } from './compare-latest.js';

export interface ScoreLine {
  metric: Metric;
  /** Undefined when no period has a figure from every company on this basis. */
  comparison?: Comparison;
}

export interface Scoreboard {
  rivalry: Rivalry;
  basis: Basis;
  lines: ScoreLine[];
  /** How many metrics each company leads, most first (ties at the top lead nobody). */
  tally: Array<{ company: Company; leads: number }>;
}

/** Every metric's latest comparable period on one basis (or the metrics named), and who leads how many. */
export function buildScoreboard(rivalry: Rivalry, basis: Basis, only?: readonly string[]): Scoreboard {
  const lines = metricsOf(rivalry)
    .filter((m) => only === undefined || only.includes(m.id))
    .map((metric): ScoreLine => {
      const comparison = compareLatest(rivalry, metric, basis);
      return comparison === undefined ? { metric } : { metric, comparison };
    });
  const tally = rivalry.companies
    .map((company) => ({ company, leads: lines.filter((l) => l.comparison !== undefined && l.comparison.gap !== 0 && l.comparison.leader.company.id === company.id).length }))
    .sort((a, b) => b.leads - a.leads);
  return { rivalry, basis, lines, tally };
}
