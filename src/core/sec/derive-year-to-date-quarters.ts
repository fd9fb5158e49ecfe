import type { Company, DataPoint } from '../data/schema.js';
import { formatExactMillions } from '../format/numbers.js';
import type { Figure } from './collect-figures.js';
import { longFourthWarning } from './derive-fourth-quarters.js';
import { isFiscalYearStart, quarterLabel } from './fiscal-labels.js';
import { dayAfter, isQuarterLong, spanDays } from './sec-periods.js';

/** A figure with its value in USD millions. */
export type ValuedFigure = Figure & { value: number };

const COUNT_WORDS: Readonly<Record<number, string>> = { 2: 'two', 3: 'three', 4: 'four', 5: 'five', 6: 'six', 7: 'seven', 8: 'eight', 9: 'nine', 10: 'ten', 11: 'eleven' };

/** "Q1", "six months to 2025-06-30", "24 weeks to 2025-02-16" (52/53-week years), "fiscal year to 2025-12-31". */
function spanWords(figure: Figure, company: Company, fullLabel: boolean): string {
  if (figure.kind === 'annual') return `fiscal year to ${figure.end}`;
  if (figure.kind === 'quarter') {
    const label = quarterLabel(figure.end, company.fiscalYearEnd);
    return fullLabel ? label : (label.split(' ')[0] as string);
  }
  const days = spanDays(figure.start, figure.end);
  const months = Math.round(days / 30.4375);
  if (Math.abs(days - months * 30.4375) <= 5) return `${COUNT_WORDS[months] ?? String(months)} months to ${figure.end}`;
  return days % 7 === 0 ? `${days / 7} weeks to ${figure.end}` : `${days} days to ${figure.end}`;
}

/**
 * Cash-flow statements in 10-Qs are year-to-date only: three, six and nine months from the start of
 * the fiscal year. Each quarter after the first is the difference of two back-to-back spans that
 * share that start: Q2 = H1 − Q1, Q3 = 9M − H1, Q4 = FY − 9M. A difference that is not a quarter
 * long (a missing 10-Q leaves six months between Q1 and 9M; Costco's 16-week Q4) is never one.
 * Periods reported as quarters are kept as reported.
 */
export function deriveYearToDateQuarters(figures: readonly ValuedFigure[], company: Company): { points: DataPoint[]; warnings: string[] } {
  const reported = new Set(figures.filter((f) => f.kind === 'quarter').map((f) => `${f.start}|${f.end}`));
  const byStart = new Map<string, ValuedFigure[]>();
  for (const f of figures) byStart.set(f.start, [...(byStart.get(f.start) ?? []), f]);
  const points: DataPoint[] = [];
  const warnings: string[] = [];
  const longFourth: string[] = [];
  for (const [start, spans] of byStart) {
    if (!isFiscalYearStart(start, company.fiscalYearEnd)) continue;
    const chain = [...spans].sort((a, b) => a.end.localeCompare(b.end));
    for (let i = 1; i < chain.length; i += 1) {
      const shorter = chain[i - 1] as ValuedFigure;
      const longer = chain[i] as ValuedFigure;
      const quarterStart = dayAfter(shorter.end);
      const days = spanDays(quarterStart, longer.end);
      const label = quarterLabel(longer.end, company.fiscalYearEnd);
      if (!isQuarterLong(days)) {
        if (longer.kind === 'annual' && shorter.kind === 'year-to-date' && days > 98) longFourth.push(`${label} (${days} days)`);
        continue;
      }
      if (reported.has(`${quarterStart}|${longer.end}`)) continue;
      if (shorter.concept !== longer.concept) {
        warnings.push(`${company.name} ${label}: not derived, since ${spanWords(longer, company, true)} (${longer.concept}) and ${spanWords(shorter, company, true)} (${shorter.concept}) are different concepts`);
        continue;
      }
      points.push(difference(longer, shorter, quarterStart, label, company));
    }
  }
  return { points, warnings: [...warnings, ...longFourthWarning(company, longFourth)] };
}

function difference(longer: ValuedFigure, shorter: ValuedFigure, start: string, label: string, company: Company): DataPoint {
  // The derived figure is as new as the later of its two filings.
  const later = longer.fact.filed >= shorter.fact.filed ? longer.fact : shorter.fact;
  const input = (f: ValuedFigure) => `${spanWords(f, company, true)} ${formatExactMillions(f.value)} (${f.fact.accn})`;
  return {
    fiscalLabel: label,
    basis: 'quarter',
    start,
    end: longer.end,
    value: longer.value - shorter.value,
    verified: true,
    source: {
      document: `Derived: ${spanWords(longer, company, false)} (Form ${longer.fact.form}) minus ${spanWords(shorter, company, false)} (Form ${shorter.fact.form})`,
      form: later.form,
      accession: later.accn,
      filed: later.filed,
      concept: `us-gaap:${longer.concept}`,
    },
    note: `${input(longer)} minus ${input(shorter)}`,
  };
}
