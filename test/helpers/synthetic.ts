import type { DataPoint, Rivalry } from '../../src/core/data/schema.js';
import { rivalrySchema } from '../../src/core/data/schema.js';

export interface SyntheticCompany {
  id: string;
  name?: string;
  /** Month (1–12) the fiscal year ends; the year ends on that month's last day. */
  fyEndMonth?: number;
  /** One annual value (USD millions) per fiscal year, starting at firstYear. */
  values: number[];
  firstYear?: number;
  verified?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function annualPoints(c: SyntheticCompany): DataPoint[] {
  const fyEnd = c.fyEndMonth ?? 12;
  return c.values.map((value, i) => {
    const fy = (c.firstYear ?? 2010) + i;
    const endYear = fy; // a fiscal year is labelled by the calendar year it ends in
    const startMonth = (fyEnd % 12) + 1;
    const startYear = fyEnd === 12 ? fy : fy - 1;
    return {
      fiscalLabel: `FY${fy}`,
      basis: 'annual',
      start: `${startYear}-${pad(startMonth)}-01`,
      end: `${endYear}-${pad(fyEnd)}-${pad(lastDay(endYear, fyEnd))}`,
      value,
      verified: c.verified ?? true,
      source: { document: `Form 10-K for fiscal ${fy}`, form: '10-K' },
    };
  });
}

/** A valid rivalry built from plain numbers, for tests that need data other than the bundled file. */
export function syntheticRivalry(companies: SyntheticCompany[], slug = 'test-rivalry', extra: Partial<Rivalry> = {}): Rivalry {
  return rivalrySchema.parse({
    slug,
    title: companies.map((c) => c.name ?? c.id).join(' vs '),
    summary: 'A synthetic rivalry for tests.',
    companies: companies.map((c, i) => ({
      id: c.id,
      name: c.name ?? c.id.charAt(0).toUpperCase() + c.id.slice(1),
      ticker: `T${i}`,
      cik: String(1000 + i).padStart(10, '0'),
      fiscalYearEnd: `${pad(c.fyEndMonth ?? 12)}-${pad(lastDay(2001, c.fyEndMonth ?? 12))}`,
      colour: '#123456',
    })),
    metrics: [{ id: 'revenue', name: 'Revenue', unit: 'USD', scale: 'millions', kind: 'flow', thresholdStep: 100_000, series: companies.map((c) => ({ company: c.id, definition: 'revenue', points: annualPoints(c) })) }],
    facts: [],
    ...extra,
  });
}
