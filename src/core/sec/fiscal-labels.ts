import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { getDaysInMonth } from 'date-fns/getDaysInMonth';
import { parseDay } from '../format/dates.js';

/** 52/53-week years end a few days off their nominal date. */
const SLACK_DAYS = 7;

function nominalYearEnd(year: number, monthDay: string): Date {
  const [month = 12, day = 31] = monthDay.split('-').map(Number);
  return new Date(year, month - 1, Math.min(day, getDaysInMonth(new Date(year, month - 1, 1))));
}

/** The fiscal year a period ending on `end` belongs to, named by the calendar year that fiscal year ends in. */
export function fiscalYearOf(end: string, fiscalYearEnd: string): { year: number; yearEnd: Date } {
  const endDate = parseDay(end);
  for (const year of [endDate.getFullYear() - 1, endDate.getFullYear(), endDate.getFullYear() + 1]) {
    const yearEnd = nominalYearEnd(year, fiscalYearEnd);
    if (differenceInCalendarDays(endDate, yearEnd) <= SLACK_DAYS) return { year, yearEnd };
  }
  return { year: endDate.getFullYear() + 1, yearEnd: nominalYearEnd(endDate.getFullYear() + 1, fiscalYearEnd) };
}

/** "FY2026" for Walmart's year ending 31 Jan 2026. */
export function annualLabel(end: string, fiscalYearEnd: string): string {
  return `FY${fiscalYearOf(end, fiscalYearEnd).year}`;
}

/** "Q1 FY2026" for Walmart's quarter ending 30 Apr 2025. */
export function quarterLabel(end: string, fiscalYearEnd: string): string {
  const { year, yearEnd } = fiscalYearOf(end, fiscalYearEnd);
  const daysLeft = differenceInCalendarDays(yearEnd, parseDay(end));
  const quarter = Math.min(4, Math.max(1, 4 - Math.floor((daysLeft + 15) / 91)));
  return `Q${quarter} FY${year}`;
}

/** True when `day` opens a fiscal year: the day before it is (within a 52/53-week year's slack) a fiscal year end. */
export function isFiscalYearStart(day: string, fiscalYearEnd: string): boolean {
  const before = addDays(parseDay(day), -1);
  const { yearEnd } = fiscalYearOf(format(before, 'yyyy-MM-dd'), fiscalYearEnd);
  return Math.abs(differenceInCalendarDays(before, yearEnd)) <= SLACK_DAYS;
}
