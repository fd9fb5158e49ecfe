import type { Basis, Company, Metric, Rivalry } from '../data/schema.js';
import { alignPeriods, entryFor, isComplete, rowLabel, type ComparableRow } from '../compare/align-periods.js';
import { ordinal } from '../format/numbers.js';
import { formatGap } from '../metrics/format-metric.js';
import { allVerified, isStreakMark, milestoneId, periodWord, type Milestone } from './milestone.js';

/**
 * For each pair of companies: consecutive periods in which one gains ground on the other
 * (its value minus the other's rises). Announced at streak marks; the headline says whether
 * the gainer is closing a gap, widening its lead, or has turned a deficit into a lead.
 */
export function detectGapStreaks(rivalry: Rivalry, metric: Metric, basis: Basis): Milestone[] {
  const rows = alignPeriods(rivalry, metric, basis).filter((r) => isComplete(r, rivalry));
  const out: Milestone[] = [];
  rivalry.companies.forEach((a, i) => {
    for (const b of rivalry.companies.slice(i + 1)) out.push(...pairStreaks(rivalry, metric, basis, rows, a, b));
  });
  return out;
}

function pairStreaks(rivalry: Rivalry, metric: Metric, basis: Basis, rows: ComparableRow[], a: Company, b: Company): Milestone[] {
  const diff = (row: ComparableRow) => (entryFor(row, a.id)?.point.value ?? 0) - (entryFor(row, b.id)?.point.value ?? 0);
  const out: Milestone[] = [];
  let gainerId: string | undefined;
  let streakStart = 0;
  for (let k = 1; k < rows.length; k += 1) {
    const row = rows[k] as ComparableRow;
    const change = diff(row) - diff(rows[k - 1] as ComparableRow);
    const gainer = change > 0 ? a : change < 0 ? b : undefined;
    if (gainer === undefined || gainer.id !== gainerId) streakStart = k - 1;
    gainerId = gainer?.id;
    const length = k - streakStart;
    if (gainer === undefined || !isStreakMark(length)) continue;

    const other = gainer.id === a.id ? b : a;
    const gapOf = (r: ComparableRow) => (entryFor(r, gainer.id)?.point.value ?? 0) - (entryFor(r, other.id)?.point.value ?? 0);
    const startRow = rows[streakStart] as ComparableRow;
    const before = gapOf(startRow);
    const now = gapOf(row);
    const words = periodWord(basis, 1);
    const headline =
      now <= 0
        ? `${other.name}'s lead over ${gainer.name} narrows for the ${ordinal(length)} straight ${words}`
        : before >= 0
          ? `${gainer.name}'s lead over ${other.name} widens for the ${ordinal(length)} straight ${words}`
          : `${gainer.name} gains ground on ${other.name} for the ${ordinal(length)} straight ${words}, now ahead`;
    const describe = (gap: number) => (gap >= 0 ? `${gainer.name} ahead by ${formatGap(metric, gap)}` : `${other.name} ahead by ${formatGap(metric, gap)}`);
    const figures = rows.slice(streakStart, k + 1).reverse().flatMap((r) => r.entries.filter((e) => e.company.id === a.id || e.company.id === b.id));
    out.push({
      id: milestoneId({ rivalry: rivalry.slug, metric: metric.id, basis, kind: 'gap-streak', subject: `${gainer.id}-on-${other.id}`, periodEnd: row.end, extra: length }),
      kind: 'gap-streak',
      rivalry: rivalry.slug,
      metric: metric.id,
      basis,
      companyId: gainer.id,
      periodEnd: row.end,
      periodLabel: rowLabel(row),
      headline,
      details: [
        `${rowLabel(startRow)}: ${describe(before)}`,
        `${rowLabel(row)}: ${describe(now)} (${formatGap(metric, now - before)} toward ${gainer.name} over ${length} ${periodWord(basis, length)})`,
      ],
      verified: allVerified(figures),
      routine: false,
      figures,
    });
  }
  return out;
}
