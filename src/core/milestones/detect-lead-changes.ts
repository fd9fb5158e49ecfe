import type { Basis, Metric, Rivalry } from '../data/schema.js';
import { alignPeriods, isComplete, rowLabel, rowPeriods } from '../compare/align-periods.js';
import { rankRow, rowLeader } from '../compare/compare-latest.js';
import { formatGap, formatValue } from '../metrics/format-metric.js';
import { allVerified, basisAdjective, milestoneId, type Milestone } from './milestone.js';

/** A lead change whenever the top company differs from the previous period's; flags the first ever. */
export function detectLeadChanges(rivalry: Rivalry, metric: Metric, basis: Basis): Milestone[] {
  const rows = alignPeriods(rivalry, metric, basis).filter((r) => isComplete(r, rivalry));
  const first = rows[0];
  if (first === undefined) return [];
  const everLed = new Set<string>();
  const milestones: Milestone[] = [];
  let previousLeader = rowLeader(first)?.id;
  if (previousLeader !== undefined) everLed.add(previousLeader);

  for (const row of rows.slice(1)) {
    const leader = rowLeader(row);
    if (leader === undefined) continue; // a tie changes nothing
    if (previousLeader !== undefined && leader.id !== previousLeader) {
      const firstEver = !everLed.has(leader.id);
      const [top, second] = rankRow(row);
      const overtaken = rivalry.companies.find((c) => c.id === previousLeader);
      const since = `${first.entries.map((e) => e.point.fiscalLabel).join('/')}`;
      milestones.push({
        id: milestoneId({ rivalry: rivalry.slug, metric: metric.id, basis, kind: 'lead-change', subject: leader.id, periodEnd: row.end }),
        kind: 'lead-change',
        rivalry: rivalry.slug,
        metric: metric.id,
        basis,
        companyId: leader.id,
        periodEnd: row.end,
        periodLabel: rowLabel(row),
        headline: firstEver
          ? `${leader.name} overtakes ${overtaken?.name ?? 'the leader'} in ${basisAdjective(basis)} ${metric.name.toLowerCase()} for the first time on record`
          : `${leader.name} retakes the lead from ${overtaken?.name ?? 'the leader'} in ${basisAdjective(basis)} ${metric.name.toLowerCase()}`,
        details: [
          ...(top && second ? [`${top.company.name} ${formatValue(metric, top.point.value)} vs ${second.company.name} ${formatValue(metric, second.point.value)}: ahead by ${formatGap(metric, top.point.value - second.point.value)}`] : []),
          `Periods: ${rowPeriods(row)}`,
          ...(firstEver ? [`Records in this data begin with ${since}.`] : []),
        ],
        verified: allVerified(row.entries),
        routine: false,
        figures: row.entries,
      });
    }
    everLed.add(leader.id);
    previousLeader = leader.id;
  }
  return milestones;
}
