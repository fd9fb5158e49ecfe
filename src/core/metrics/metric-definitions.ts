/**
 * Every metric the bot knows, defined once: what it measures, its unit, which signs are normal, where
 * SEC filings carry it, and, for derived metrics, the formula. Comparisons, history, milestones,
 * charts and the SEC sync all read these definitions instead of branching on metric ids.
 */

export type MetricUnit = 'usd' | 'percent';

/** Where a stored metric lives in SEC XBRL filings. */
export interface SecMapping {
  /** us-gaap concepts, tried in order (a company may name its own). */
  concepts: readonly string[];
  /**
   * Income statements report each quarter; cash-flow statements in 10-Qs are year-to-date only
   * (3, 6, 9 months), so their quarters are derived by differencing.
   */
  statement: 'income' | 'cash-flow';
  /** Concepts never used, whatever a company's own list says (they measure something else). */
  excluded?: readonly string[];
  /** What a series from SEC measures, in a few words ("capital expenditures"). */
  words: string;
}

export interface MetricDefinition {
  id: string;
  name: string;
  unit: MetricUnit;
  /** Shown under every reply about the metric. */
  definition: string;
  /** 'nonnegative': a value below zero is a data error (revenue; capex is an outflow shown as a positive amount). 'signed': losses are normal. */
  sign: 'nonnegative' | 'signed';
  /** Signed metrics: what crossing zero is called ("turns profitable" / "posts a net loss"). */
  signWords?: { positive: string; negative: string };
  sec?: SecMapping;
  /** Derived in the core from two stored metrics of the same company and period; never stored. */
  derived?: { op: 'ratio' | 'difference'; left: string; right: string };
}

/** Revenue: the concepts tried when a company names none of its own (see README for why this order). */
export const REVENUE_CONCEPTS = ['Revenues', 'RevenueFromContractWithCustomerExcludingAssessedTax', 'SalesRevenueNet', 'RevenueFromContractWithCustomerIncludingAssessedTax', 'SalesRevenueGoodsNet'] as const;

export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    id: 'revenue',
    name: 'Revenue',
    unit: 'usd',
    definition: 'total revenue (the top line) as each company reports it',
    sign: 'nonnegative',
    sec: { concepts: REVENUE_CONCEPTS, statement: 'income', words: 'total revenue' },
  },
  {
    id: 'operating-income',
    name: 'Operating income',
    unit: 'usd',
    definition: 'operating income (loss): revenue less operating expenses, before interest and taxes',
    sign: 'signed',
    signWords: { positive: 'returns to an operating profit', negative: 'posts an operating loss' },
    sec: { concepts: ['OperatingIncomeLoss'], statement: 'income', words: 'operating income (loss)' },
  },
  {
    id: 'net-income',
    name: 'Net income',
    unit: 'usd',
    definition: 'net income (loss) attributable to the company, excluding noncontrolling interests',
    sign: 'signed',
    signWords: { positive: 'turns profitable', negative: 'posts a net loss' },
    // ProfitLoss includes noncontrolling interests (Walmart's Flipkart and others): never used.
    sec: { concepts: ['NetIncomeLoss', 'NetIncomeLossAvailableToCommonStockholdersBasic'], statement: 'income', excluded: ['ProfitLoss'], words: 'net income (loss) attributable to the company' },
  },
  {
    id: 'operating-margin',
    name: 'Operating margin',
    unit: 'percent',
    definition: 'operating income ÷ revenue of the same period',
    sign: 'signed',
    signWords: { positive: 'turns positive', negative: 'turns negative' },
    derived: { op: 'ratio', left: 'operating-income', right: 'revenue' },
  },
  {
    id: 'net-margin',
    name: 'Net margin',
    unit: 'percent',
    definition: 'net income ÷ revenue of the same period',
    sign: 'signed',
    signWords: { positive: 'turns positive', negative: 'turns negative' },
    derived: { op: 'ratio', left: 'net-income', right: 'revenue' },
  },
  {
    id: 'capex',
    name: 'Capex',
    unit: 'usd',
    definition: 'capital expenditures: purchases of property and equipment, shown as a positive amount',
    sign: 'nonnegative',
    sec: { concepts: ['PaymentsToAcquirePropertyPlantAndEquipment', 'PaymentsToAcquireProductiveAssets'], statement: 'cash-flow', words: 'capital expenditures' },
  },
  {
    id: 'operating-cash-flow',
    name: 'Operating cash flow',
    unit: 'usd',
    definition: 'net cash provided by (used in) operating activities',
    sign: 'signed',
    signWords: { positive: 'turns positive', negative: 'turns negative' },
    sec: { concepts: ['NetCashProvidedByUsedInOperatingActivities', 'NetCashProvidedByUsedInOperatingActivitiesContinuingOperations'], statement: 'cash-flow', words: 'net cash from operating activities' },
  },
  {
    id: 'free-cash-flow',
    name: 'Free cash flow',
    unit: 'usd',
    definition: 'operating cash flow − capex of the same period',
    sign: 'signed',
    signWords: { positive: 'turns positive', negative: 'turns negative' },
    derived: { op: 'difference', left: 'operating-cash-flow', right: 'capex' },
  },
];

const BY_ID = new Map(METRIC_DEFINITIONS.map((d) => [d.id, d]));

/** The definition of a metric id; a metric a file adds that the bot does not know is a signed USD amount. */
export function metricDefinition(id: string, name = id): MetricDefinition {
  return BY_ID.get(id) ?? { id, name, unit: 'usd', definition: name.toLowerCase(), sign: 'signed' };
}

/** The metrics stored as figures (from files and SEC), in the order replies list them. */
export const STORED_METRIC_IDS = METRIC_DEFINITIONS.filter((d) => d.derived === undefined).map((d) => d.id);
