import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import type { CompanyFacts, SecFact } from '../../src/core/sec/company-facts.js';
import { SEC_TICKERS, type FakeSec } from './fake-sec.js';

const day = (d: Date) => format(d, 'yyyy-MM-dd');
const parse = (s: string) => new Date(`${s}T00:00:00`);

interface Plan {
  cik: string;
  entityName: string;
  concept: string;
  /** First day of the first fiscal year. */
  firstStart: string;
  /** Weeks of each quarter: [13, 13, 13, 13], or Costco's [12, 12, 12, 16]. */
  quarterWeeks: readonly number[];
  /** Annual revenue (USD millions), one per fiscal year from the first. */
  annual: readonly number[];
  /** Annual capex (USD millions), one per fiscal year from the first: in 10-Qs as year to date only, as cash-flow statements are. */
  capex?: readonly number[];
}

/**
 * Company facts shaped like SEC's for a company on a 52-week calendar: each year in its 10-K (and
 * again as a comparative in the next), Q1–Q3 in 10-Qs with their year-to-date six- and nine-month
 * figures beside them (which must be ignored), Q4 only inside the annual figure. Capex, when given,
 * is in each 10-Q as the three, six or nine months to date (weeks on these calendars), as filed.
 */
export function weeklyCompanyFacts(plan: Plan): CompanyFacts {
  const facts: SecFact[] = [];
  let start = parse(plan.firstStart);
  let n = 0;
  const accn = (filed: Date) => `${plan.cik}-${format(filed, 'yy')}-${String((n += 1)).padStart(6, '0')}`;
  const fact = (s: Date, e: Date, millions: number, form: string, filed: Date): SecFact => ({ start: day(s), end: day(e), val: millions * 1_000_000, accn: accn(filed), fy: filed.getFullYear(), fp: form === '10-K' ? 'FY' : 'Q', form, filed: day(filed) });
  const totalWeeks = plan.quarterWeeks.reduce((a, b) => a + b, 0);
  const capex: SecFact[] = [];
  for (const [year, value] of plan.annual.entries()) {
    const end = addDays(start, totalWeeks * 7 - 1);
    const tenK = addDays(end, 45);
    const capexYear = plan.capex?.[year];
    for (const filed of [tenK, addDays(tenK, 365)]) {
      facts.push(fact(start, end, value, '10-K', filed));
      if (capexYear !== undefined) capex.push(fact(start, end, capexYear, '10-K', filed));
    }
    let qStart = start;
    let ytd = 0;
    let capexToDate = 0;
    for (const [q, weeks] of plan.quarterWeeks.slice(0, 3).entries()) {
      const qEnd = addDays(qStart, weeks * 7 - 1);
      const qValue = Math.round((value * weeks) / totalWeeks);
      const filed = addDays(qEnd, 35);
      facts.push(fact(qStart, qEnd, qValue, '10-Q', filed));
      ytd += qValue;
      if (q > 0) facts.push(fact(start, qEnd, ytd, '10-Q', filed));
      if (capexYear !== undefined) {
        capexToDate += Math.round((capexYear * weeks) / totalWeeks);
        capex.push(fact(start, qEnd, capexToDate, '10-Q', filed));
      }
      qStart = addDays(qEnd, 1);
    }
    start = addDays(end, 1);
  }
  const gaap: CompanyFacts['facts'][string] = { [plan.concept]: { label: plan.concept, units: { USD: facts } } };
  if (capex.length > 0) gaap['PaymentsToAcquirePropertyPlantAndEquipment'] = { label: 'PaymentsToAcquirePropertyPlantAndEquipment', units: { USD: capex } };
  return { cik: Number(plan.cik), entityName: plan.entityName, facts: { 'us-gaap': gaap } };
}

/** Costco: fiscal years ending around 1 September, quarters of 12, 12, 12 and 16 weeks. */
export const COSTCO = weeklyCompanyFacts({
  cik: '0000909832',
  entityName: 'COSTCO WHOLESALE CORP /NEW',
  concept: 'RevenueFromContractWithCustomerExcludingAssessedTax',
  firstStart: '2019-09-02',
  quarterWeeks: [12, 12, 12, 16],
  annual: [166_761, 195_929, 226_954, 242_290, 254_453, 275_235],
});

/** Target: fiscal years ending around 1 February, 13-week quarters. */
export const TARGET = weeklyCompanyFacts({
  cik: '0000027419',
  entityName: 'TARGET CORP',
  concept: 'Revenues',
  firstStart: '2020-02-02',
  quarterWeeks: [13, 13, 13, 13],
  annual: [93_561, 106_005, 109_120, 107_412, 106_566, 104_800],
});

/** Nvidia: fiscal years ending in late January. */
export const NVIDIA = weeklyCompanyFacts({
  cik: '0001045810',
  entityName: 'NVIDIA CORP',
  concept: 'Revenues',
  firstStart: '2020-01-27',
  quarterWeeks: [13, 13, 13, 13],
  annual: [16_675, 26_914, 26_974, 60_922, 130_497],
});

/** AMD: fiscal years ending in late December. */
export const AMD = weeklyCompanyFacts({
  cik: '0000002488',
  entityName: 'ADVANCED MICRO DEVICES INC',
  concept: 'Revenues',
  firstStart: '2019-12-29',
  quarterWeeks: [13, 13, 13, 13],
  annual: [9_763, 16_434, 23_601, 22_680, 25_785],
});

export const TRACKABLE = { COST: COSTCO, TGT: TARGET, NVDA: NVIDIA, AMD };

export const MORE_TICKERS = [
  { cik_str: 27419, ticker: 'TGT', title: 'TARGET CORP' },
  { cik_str: 1045810, ticker: 'NVDA', title: 'NVIDIA CORP' },
  { cik_str: 2488, ticker: 'AMD', title: 'ADVANCED MICRO DEVICES INC' },
  { cik_str: 354950, ticker: 'HD', title: 'HOME DEPOT, INC.' },
  { cik_str: 60667, ticker: 'LOW', title: "LOWE'S COMPANIES INC" },
];

/** A fake SEC that knows the ticker list and the facts of every company above (COST, TGT, NVDA, AMD). */
export function withTrackableCompanies(sec: FakeSec): FakeSec {
  sec.tickers = [...SEC_TICKERS, ...MORE_TICKERS];
  for (const facts of Object.values(TRACKABLE)) sec.companies.set(String(facts.cik).padStart(10, '0'), facts);
  return sec;
}
