import { addDays } from 'date-fns/addDays';
import { addYears } from 'date-fns/addYears';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import type { CompanyFacts, SecFact } from '../../src/core/sec/company-facts.js';
import { bundledJson } from '../helpers/bundled.js';

export interface Period {
  start: string;
  end: string;
  value: number;
  basis: string;
}

interface BundledPoint extends Period {
  fiscalLabel: string;
  source: { document: string };
}

export interface FactsOptions {
  /** Metric ids the company does not report at all (a company that lacks one metric). */
  without?: readonly string[];
}

type Who = 'amazon' | 'walmart';

const CIK: Record<Who, string> = { amazon: '0001018724', walmart: '0000104169' };

/** The concept each company files each metric under (Amazon's capex is "productive assets"; Walmart's net income is beside ProfitLoss). */
const CONCEPTS: Record<Who, Record<string, string>> = {
  amazon: { 'operating-income': 'OperatingIncomeLoss', 'net-income': 'NetIncomeLoss', capex: 'PaymentsToAcquireProductiveAssets', 'operating-cash-flow': 'NetCashProvidedByUsedInOperatingActivities' },
  walmart: { 'operating-income': 'OperatingIncomeLoss', 'net-income': 'NetIncomeLoss', capex: 'PaymentsToAcquirePropertyPlantAndEquipment', 'operating-cash-flow': 'NetCashProvidedByUsedInOperatingActivities' },
};

const CASH_FLOW = new Set(['capex', 'operating-cash-flow']);

/** Each quarter's share of its fiscal year (Q4 is the rest). Operating cash flow starts the year negative: cash burnt in Q1. */
const QUARTER_SHARES: Record<string, readonly number[]> = {
  'operating-income': [0.21, 0.24, 0.25],
  'net-income': [0.2, 0.23, 0.26],
  capex: [0.2, 0.24, 0.26],
  'operating-cash-flow': [-0.05, 0.25, 0.3],
};

/** Walmart's consolidated net income includes its noncontrolling interests (Flipkart and others): more than what Walmart earned. */
const NONCONTROLLING = { annual: 700, quarter: 175 };

/** One filing: every fact it carries shares its form, date and accession, as in SEC's data. */
interface Filing {
  form: '10-K' | '10-Q';
  filed: string;
  accn: string;
}

const filing = (cik: string, form: Filing['form'], filed: string): Filing => ({ form, filed, accn: `${cik}-${filed.slice(2, 4)}-${filed.slice(5, 7)}${filed.slice(8, 10)}${form === '10-K' ? '01' : '02'}` });

/** The 10-K for the fiscal year `yearsLater` years after the one ending on `end`: filed some six weeks after that year ends. */
const tenKFiled = (end: string, yearsLater: number) => format(addDays(addYears(parseISO(end), yearsLater), 40), 'yyyy-MM-dd');

/** A 10-Q is filed about a month after its quarter. */
const tenQFiled = (end: string) => `${end.slice(0, 7)}-28`.replace(/-(\d{2})-28$/, (_m, mm: string) => `-${String(Math.min(12, Number(mm) + 1)).padStart(2, '0')}-28`);

class FactsBuilder {
  readonly byConcept: Record<string, SecFact[]> = {};
  constructor(readonly cik: string, private readonly annualEndYears: ReadonlySet<number>) {}

  add(concept: string, start: string, end: string, millions: number, f: Filing): void {
    (this.byConcept[concept] ??= []).push({ start, end, val: millions * 1_000_000, accn: f.accn, fy: Number(f.filed.slice(0, 4)), fp: f.form === '10-K' ? 'FY' : 'Q', form: f.form, filed: f.filed });
  }

  /** A year in its own 10-K (`firstValue`, when that differs: restated later) and again, as a comparative, in each of the next two that exist. */
  annual(concept: string, p: Period, firstValue = p.value): void {
    const endYear = Number(p.end.slice(0, 4));
    for (let k = 0; k < 3; k += 1) {
      if (k > 0 && !this.annualEndYears.has(endYear + k)) break;
      this.add(concept, p.start, p.end, k === 0 ? firstValue : p.value, filing(this.cik, '10-K', tenKFiled(p.end, k)));
    }
  }

  /**
   * Q1–Q3 of one fiscal year in their 10-Qs (Q4 is only inside the 10-K), with the same quarters
   * of the year before as comparatives. Income statements: each quarter, and beside it the six or
   * nine months to date. Cash-flow statements: the three, six and nine months to date only.
   */
  tenQs(concept: string, quarters: readonly Period[], prior: readonly Period[] | undefined, cashFlow: boolean): void {
    const emit = (qs: readonly Period[], i: number, f: Filing) => {
      const q = qs[i];
      const first = qs[0];
      if (q === undefined || first === undefined) return;
      const toDate = qs.slice(0, i + 1).reduce((sum, p) => sum + p.value, 0);
      if (!cashFlow || i === 0) this.add(concept, q.start, q.end, q.value, f);
      if (i > 0) this.add(concept, first.start, q.end, toDate, f);
    };
    quarters.slice(0, 3).forEach((q, i) => {
      const f = filing(this.cik, '10-Q', tenQFiled(q.end));
      emit(quarters, i, f);
      if (prior !== undefined) emit(prior, i, f);
    });
  }
}

/** Splits a fiscal year into its quarters (the periods revenue has for that year) by fixed shares; Q4 is the rest. */
function splitYear(year: Period, periods: readonly Period[], shares: readonly number[]): Period[] {
  const values = shares.map((s) => Math.round(year.value * s));
  values.push(year.value - values.reduce((a, b) => a + b, 0));
  return periods.map((p, i) => ({ start: p.start, end: p.end, basis: 'quarter', value: values[i] ?? 0 }));
}

const fiscalYearOfLabel = (label: string) => label.split(' ')[1] ?? label;

/**
 * Company facts shaped like SEC's, built from the bundled figures (2009 on, as XBRL is) plus the
 * extra revenue periods given. Every metric of the bundled file is there, with SEC's traps: income
 * quarters beside their year-to-date sums, cash flow in 10-Qs as year-to-date only, Walmart's
 * ProfitLoss beside NetIncomeLoss, restated years (Walmart revenue FY2013, operating income FY2024),
 * Amazon's FY2022 net loss, and concepts the metric must not use (Walmart's net sales).
 */
export function factsFor(company: Who, extra: Period[] = [], options: FactsOptions = {}): CompanyFacts {
  const json = bundledJson();
  const index = company === 'amazon' ? 0 : 1;
  const cik = CIK[company];
  const seriesOf = (id: string) => (json.metrics.find((m) => (m as { id?: string }).id === id)?.series[index]?.points ?? []) as unknown as BundledPoint[];
  const revenuePoints = seriesOf('revenue');
  const points = [...revenuePoints, ...extra].filter((p) => p.end >= '2009-06-01');
  const b = new FactsBuilder(cik, new Set(points.filter((p) => p.basis === 'annual').map((p) => Number(p.end.slice(0, 4)))));

  // Revenue. Amazon switched concept with ASC 606 (2018); Walmart reports total revenues as Revenues throughout.
  for (const p of points.filter((q) => q.basis === 'annual')) {
    b.annual(company === 'walmart' ? 'Revenues' : p.end >= '2018-01-01' ? 'RevenueFromContractWithCustomerExcludingAssessedTax' : 'SalesRevenueNet', p);
    // Walmart's net sales: a concept it also tags, which is not its total revenue.
    if (company === 'walmart') b.add('RevenueFromContractWithCustomerExcludingAssessedTax', p.start, p.end, Math.round(p.value * 0.98), filing(cik, '10-K', `${Number(p.end.slice(0, 4)) + 1}-03-01`));
  }
  const quarterConcept = company === 'walmart' ? 'Revenues' : 'RevenueFromContractWithCustomerExcludingAssessedTax';
  // The bundled quarters by fiscal year, Q4 included (its dates; its figure is derived, so it is in no 10-Q).
  const yearsOfQuarters = new Map<string, BundledPoint[]>();
  for (const p of revenuePoints.filter((q) => q.basis === 'quarter')) yearsOfQuarters.set(fiscalYearOfLabel(p.fiscalLabel), [...(yearsOfQuarters.get(fiscalYearOfLabel(p.fiscalLabel)) ?? []), p]);
  let priorRevenue: Period[] | undefined;
  for (const quarters of yearsOfQuarters.values()) {
    const reported = quarters.filter((q) => !q.source.document.startsWith('Derived'));
    b.tenQs(quarterConcept, reported, priorRevenue, false);
    priorRevenue = reported;
  }
  for (const p of extra.filter((q) => q.basis === 'quarter')) b.add(quarterConcept, p.start, p.end, p.value, filing(cik, '10-Q', tenQFiled(p.end)));

  // Every other metric: its bundled years, and quarters for the years revenue has quarters of.
  for (const [metric, concept] of Object.entries(CONCEPTS[company])) {
    if (options.without?.includes(metric)) continue;
    const years = seriesOf(metric).filter((p) => p.basis === 'annual');
    for (const year of years) {
      // Walmart's FY2024 operating income was first reported 121 higher, and restated in the next 10-K.
      const restated = company === 'walmart' && metric === 'operating-income' && year.fiscalLabel === 'FY2024';
      b.annual(concept, year, restated ? year.value + 121 : year.value);
      if (company === 'walmart' && metric === 'net-income') b.annual('ProfitLoss', { ...year, value: year.value + NONCONTROLLING.annual });
    }
    let prior: Period[] | undefined;
    for (const [label, periods] of yearsOfQuarters) {
      const year = years.find((y) => y.fiscalLabel === label);
      if (year === undefined || periods.length !== 4) continue;
      const quarters = splitYear(year, periods, QUARTER_SHARES[metric] ?? []);
      b.tenQs(concept, quarters, prior, CASH_FLOW.has(metric));
      if (company === 'walmart' && metric === 'net-income') b.tenQs('ProfitLoss', quarters.map((q) => ({ ...q, value: q.value + NONCONTROLLING.quarter })), undefined, false);
      prior = quarters;
    }
  }

  if (company === 'walmart') {
    // FY2013 was restated: first 469,162 in the FY2013 10-K, 468,651 in the later ones.
    const fy2013 = b.byConcept['Revenues']?.filter((f) => f.end === '2013-01-31') ?? [];
    if (fy2013[0] !== undefined) fy2013[0].val = 469_162_000_000;
  }
  return {
    cik: Number(cik),
    entityName: company === 'amazon' ? 'AMAZON COM INC' : 'Walmart Inc.',
    facts: { 'us-gaap': Object.fromEntries(Object.entries(b.byConcept).map(([concept, facts]) => [concept, { label: concept, units: { USD: facts } }])) },
  };
}
