import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { parseDay } from '../format/dates.js';
import type { SecFact } from './company-facts.js';

/** A quarter as comparisons count one: about 13 weeks. Retailers on 12/12/12/16-week years (Costco) have a longer fourth. */
export const QUARTER_DAYS = { min: 84, max: 98 };
/** A fiscal year: 52 or 53 weeks, or a calendar year. */
const YEAR_DAYS = { min: 357, max: 372 };

/** Days from `start` to `end`, both included. */
export const spanDays = (start: string, end: string) => differenceInCalendarDays(parseDay(end), parseDay(start)) + 1;

export const dayAfter = (day: string) => format(addDays(parseDay(day), 1), 'yyyy-MM-dd');

export const isQuarterLong = (days: number) => days >= QUARTER_DAYS.min && days <= QUARTER_DAYS.max;

/**
 * annual: a fiscal year in a 10-K. quarter: three months, in a 10-Q (or a 10-K's quarterly note).
 * year-to-date: a 10-Q's six or nine months from the start of the fiscal year; cash-flow statements
 * report nothing else after Q1, income statements report them beside the quarter.
 */
export type SpanKind = 'annual' | 'quarter' | 'year-to-date';

/** What kind of period a fact covers; undefined for instants (balances) and anything else. */
export function spanKind(fact: SecFact): SpanKind | undefined {
  if (fact.start === undefined) return undefined;
  const days = spanDays(fact.start, fact.end);
  const annualReport = fact.form.startsWith('10-K');
  const quarterlyReport = fact.form.startsWith('10-Q');
  if (annualReport && days >= YEAR_DAYS.min && days <= YEAR_DAYS.max) return 'annual';
  if ((annualReport || quarterlyReport) && isQuarterLong(days)) return 'quarter';
  if (quarterlyReport && days > QUARTER_DAYS.max && days < YEAR_DAYS.min) return 'year-to-date';
  return undefined;
}

/** Later filing wins (a restatement); accession breaks ties. */
export const newerFirst = (a: SecFact, b: SecFact) => b.filed.localeCompare(a.filed) || b.accn.localeCompare(a.accn);

/** USD as filed → whole USD millions; a fraction is rounded and said in `notes`. */
export function toMillions(val: number, where: string, notes: string[]): number {
  const millions = val / 1_000_000;
  if (Number.isInteger(millions)) return millions;
  notes.push(`${where}: ${val} USD is not a whole number of millions; rounded to ${Math.round(millions)} million`);
  return Math.round(millions);
}
