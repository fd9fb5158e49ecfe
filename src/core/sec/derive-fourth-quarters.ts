import type { Company, DataPoint } from '../data/schema.js';
import { formatExactMillions } from '../format/numbers.js';
import { quarterLabel } from './fiscal-labels.js';
import { dayAfter, isQuarterLong, spanDays } from './sec-periods.js';

/** Said when the rest of a year after its third quarter is too long to compare as a quarter (Costco's 16-week Q4). */
export function longFourthWarning(company: Company, periods: readonly string[]): string[] {
  return periods.length === 0 ? [] : [`${company.name}: the rest of the year after Q3 is longer than a quarter (${periods.join(', ')}), so it is left out of quarterly comparisons`];
}

/**
 * Income statements: Q4 = fiscal year − Q1 − Q2 − Q3, where the year and its first three quarters
 * are reported but Q4 is not (it is only inside the 10-K). A remainder much longer than a quarter
 * (a 16-week fourth quarter) is not one: left out, and said.
 */
export function deriveFourthQuarters(points: readonly DataPoint[], company: Company): { points: DataPoint[]; warnings: string[] } {
  const quarters = points.filter((p) => p.basis === 'quarter');
  const derived: DataPoint[] = [];
  const longFourth: string[] = [];
  for (const year of points.filter((p) => p.basis === 'annual')) {
    const inside = quarters.filter((q) => q.start >= year.start && q.end <= year.end).sort((a, b) => a.end.localeCompare(b.end));
    if (inside.length !== 3 || inside.some((q) => q.end === year.end)) continue;
    const [q1, , q3] = inside as [DataPoint, DataPoint, DataPoint];
    if (q1.start !== year.start) continue;
    const start = dayAfter(q3.end);
    const days = spanDays(start, year.end);
    if (!isQuarterLong(days)) {
      longFourth.push(`${quarterLabel(year.end, company.fiscalYearEnd)} (${days} days)`);
      continue;
    }
    const value = year.value - inside.reduce((sum, q) => sum + q.value, 0);
    derived.push({
      fiscalLabel: quarterLabel(year.end, company.fiscalYearEnd),
      basis: 'quarter',
      start,
      end: year.end,
      value,
      verified: true,
      source: { document: 'Derived: fiscal year (Form 10-K) minus Q1–Q3 (Forms 10-Q)', form: year.source.form ?? '10-K', ...(year.source.accession === undefined ? {} : { accession: year.source.accession }), ...(year.source.filed === undefined ? {} : { filed: year.source.filed }), ...(year.source.concept === undefined ? {} : { concept: year.source.concept }) },
      note: `${year.fiscalLabel} ${formatExactMillions(year.value)} minus ${inside.map((q) => `${q.fiscalLabel} ${formatExactMillions(q.value)}`).join(', ')}`,
    });
  }
  return { points: derived, warnings: longFourthWarning(company, longFourth) };
}
