import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import type { Company, DataPoint } from '../data/schema.js';
import { parseDay } from '../format/dates.js';
import { formatExactMillions } from '../format/numbers.js';
import { DEFAULT_REVENUE_CONCEPTS, type CompanyFacts, type SecFact } from './company-facts.js';
import { annualLabel, quarterLabel } from './fiscal-labels.js';

export interface Extracted {
  points: DataPoint[];
  /** Worth telling the user; nothing is wrong with what was extracted. */
  warnings: string[];
  /** The company's figures cannot be trusted as extracted: nothing of it may be written. */
  errors: string[];
}

type Basis = 'annual' | 'quarter';

interface Candidate {
  basis: Basis;
  concept: string;
  fact: SecFact & { start: string };
}

/** A quarter as comparisons count one: about 13 weeks. Retailers on 12/12/12/16-week years (Costco) have a longer fourth. */
const QUARTER_DAYS = { min: 84, max: 98 };

function basisOf(fact: SecFact): Basis | undefined {
  if (fact.start === undefined) return undefined;
  const days = differenceInCalendarDays(parseDay(fact.end), parseDay(fact.start)) + 1;
  if (days >= 357 && days <= 372 && fact.form.startsWith('10-K')) return 'annual';
  if (days >= QUARTER_DAYS.min && days <= QUARTER_DAYS.max && (fact.form.startsWith('10-Q') || fact.form.startsWith('10-K'))) return 'quarter';
  return undefined; // six- and nine-month year-to-date figures
}

/** Later filing wins (a restatement); accession breaks ties. */
const newerFirst = (a: SecFact, b: SecFact) => b.filed.localeCompare(a.filed) || b.accn.localeCompare(a.accn);

function toMillions(val: number, where: string, notes: string[]): number {
  const millions = val / 1_000_000;
  if (Number.isInteger(millions)) return millions;
  notes.push(`${where}: ${val} USD is not a whole number of millions; rounded to ${Math.round(millions)} million`);
  return Math.round(millions);
}

/**
 * Revenue per period from SEC company facts. For each period the first concept in `concepts` that
 * has it is used (companies switch concepts over the years, e.g. SalesRevenueNet → ASC 606); among
 * filings reporting the same period the latest filed wins and an earlier different value is noted
 * as restated. Annual figures come from 10-K facts of about a year, quarters from about three months;
 * a Q4 that is only in the annual report is derived as the year minus Q1–Q3.
 */
export function extractRevenue(facts: CompanyFacts, company: Company, concepts: readonly string[] = DEFAULT_REVENUE_CONCEPTS): Extracted {
  const warnings: string[] = [];
  const errors: string[] = [];
  const gaap = facts.facts['us-gaap'] ?? {};
  const byPeriod = new Map<string, Candidate[]>();
  const usedConcepts = new Set<string>();

  concepts.forEach((concept) => {
    const units = gaap[concept]?.units;
    if (units === undefined) return;
    const usd = units['USD'];
    if (usd === undefined) {
      warnings.push(`${company.name}: ${concept} is reported in ${Object.keys(units).join(', ')}, not USD; skipped`);
      return;
    }
    for (const fact of usd) {
      const basis = basisOf(fact);
      if (basis === undefined || fact.start === undefined) continue;
      const key = `${basis}|${fact.start}|${fact.end}`;
      const list = byPeriod.get(key) ?? [];
      // A later concept in the order only fills periods the earlier ones don't have.
      if (list.length > 0 && list[0]?.concept !== concept) continue;
      list.push({ basis, concept, fact: { ...fact, start: fact.start } });
      byPeriod.set(key, list);
      usedConcepts.add(concept);
    }
  });
  if (byPeriod.size === 0) {
    errors.push(`${company.name} (CIK ${company.cik}): none of the revenue concepts ${concepts.join(', ')} has annual or quarterly USD facts`);
    return { points: [], warnings, errors };
  }

  const points: DataPoint[] = [];
  for (const candidates of byPeriod.values()) {
    const sorted = [...candidates].sort((a, b) => newerFirst(a.fact, b.fact));
    const latest = sorted[0] as Candidate;
    const { fact, basis, concept } = latest;
    const label = basis === 'annual' ? annualLabel(fact.end, company.fiscalYearEnd) : quarterLabel(fact.end, company.fiscalYearEnd);
    const where = `${company.name} ${label} (${concept})`;
    if (fact.val < 0) {
      errors.push(`${where}: negative revenue ${fact.val} in ${fact.accn}`);
      continue;
    }
    const notes: string[] = [];
    const value = toMillions(fact.val, where, notes);
    const first = sorted.at(-1) as Candidate;
    if (first.fact.val !== fact.val) notes.push(`restated: first reported ${formatExactMillions(Math.round(first.fact.val / 1_000_000))} in ${first.fact.accn} (filed ${first.fact.filed})`);
    warnings.push(...notes.filter((n) => n.includes('rounded')));
    points.push({
      fiscalLabel: label,
      basis,
      start: fact.start,
      end: fact.end,
      value,
      verified: true,
      source: { document: `Form ${fact.form} (SEC XBRL us-gaap:${concept})`, form: fact.form, accession: fact.accn, filed: fact.filed, concept: `us-gaap:${concept}` },
      ...(notes.length === 0 ? {} : { note: notes.join('; ') }),
    });
  }

  const derived = deriveFourthQuarters(points, company);
  points.push(...derived.points);
  warnings.push(...derived.warnings);
  points.sort((a, b) => a.basis.localeCompare(b.basis) || a.end.localeCompare(b.end));
  errors.push(...absurdJumps(points, company));
  return { points, warnings, errors };
}

/**
 * Q4 = fiscal year − Q1 − Q2 − Q3, where the year and its first three quarters are reported but Q4
 * is not. A remainder much longer than a quarter (a 16-week fourth quarter) is not one: left out, and said.
 */
function deriveFourthQuarters(points: DataPoint[], company: Company): { points: DataPoint[]; warnings: string[] } {
  const quarters = points.filter((p) => p.basis === 'quarter');
  const derived: DataPoint[] = [];
  const warnings: string[] = [];
  const longFourth: string[] = [];
  for (const year of points.filter((p) => p.basis === 'annual')) {
    const inside = quarters.filter((q) => q.start >= year.start && q.end <= year.end).sort((a, b) => a.end.localeCompare(b.end));
    if (inside.length !== 3 || inside.some((q) => q.end === year.end)) continue;
    const [q1, , q3] = inside as [DataPoint, DataPoint, DataPoint];
    if (q1.start !== year.start) continue;
    const start = format(addDays(parseDay(q3.end), 1), 'yyyy-MM-dd');
    const days = differenceInCalendarDays(parseDay(year.end), parseDay(start)) + 1;
    if (days < QUARTER_DAYS.min || days > QUARTER_DAYS.max) {
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
  if (longFourth.length > 0) warnings.push(`${company.name}: the rest of the year after Q3 is longer than a quarter (${longFourth.join(', ')}), so it is left out of quarterly comparisons`);
  return { points: derived, warnings };
}

/** A figure 100 times its predecessor (or a hundredth of it) is a unit slip, not news. */
function absurdJumps(points: DataPoint[], company: Company): string[] {
  const out: string[] = [];
  for (const basis of ['annual', 'quarter'] as const) {
    const series = points.filter((p) => p.basis === basis);
    for (let i = 1; i < series.length; i += 1) {
      const prev = series[i - 1] as DataPoint;
      const cur = series[i] as DataPoint;
      if (prev.value > 0 && (cur.value / prev.value >= 100 || cur.value / prev.value <= 0.01)) {
        out.push(`${company.name} ${cur.fiscalLabel} (${cur.source.concept ?? ''}): ${formatExactMillions(cur.value)} million after ${formatExactMillions(prev.value)} in ${prev.fiscalLabel}: a 100× jump, probably a unit error in the filing data`);
      }
    }
  }
  return out;
}
