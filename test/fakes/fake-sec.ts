import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { CompanyFacts, SecFact } from '../../src/core/sec/company-facts.js';
import { bundledJson } from '../helpers/bundled.js';
import { HttpRecorder, type RecordedRequest } from './http-recorder.js';

type Override = (req: RecordedRequest, res: ServerResponse) => boolean;

/**
 * SEC's data API on loopback: /api/xbrl/companyfacts/CIK##########.json and /files/company_tickers.json,
 * with ETag / 304, and overrides for 429s, 500s and malformed bodies.
 */
export class FakeSec extends HttpRecorder {
  overrides: Override[] = [];
  companies = new Map<string, CompanyFacts>();
  tickers: Array<{ cik_str: number; ticker: string; title: string }> = [];
  /** How long every answer takes (benchmarks: SEC's real round trip). */
  latencyMs = 0;
  constructor() {
    super((req, res) => (this.latencyMs > 0 ? void setTimeout(() => this.answer(req, res), this.latencyMs) : this.answer(req, res)));
  }

  private answer(req: RecordedRequest, res: ServerResponse): void {
    for (const o of this.overrides) if (o(req, res)) return;
    const send = (body: unknown) => {
      const text = JSON.stringify(body);
      const etag = `"${createHash('sha1').update(text).digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { 'content-type': 'application/json', etag, 'last-modified': 'Fri, 13 Mar 2026 12:00:00 GMT' }).end(text);
    };
    if (req.path === '/files/company_tickers.json') return send(Object.fromEntries(this.tickers.map((t, i) => [String(i), t])));
    const match = /^\/api\/xbrl\/companyfacts\/CIK(\d{10})\.json$/.exec(req.path);
    const facts = match === null ? undefined : this.companies.get(match[1] ?? '');
    if (facts === undefined) return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
    return send(facts);
  }
}

const accn = (cik: string, filed: string, n: number) => `${cik}-${filed.slice(2, 4)}-${String(n).padStart(6, '0')}`;

/** A fact as SEC lists it: the period, the value in USD, and the filing that reported it. */
function fact(start: string, end: string, millions: number, form: string, filed: string, cik: string, n: number): SecFact {
  return { start, end, val: millions * 1_000_000, accn: accn(cik, filed, n), fy: Number(filed.slice(0, 4)), fp: form === '10-K' ? 'FY' : 'Q1', form, filed };
}

interface Period {
  start: string;
  end: string;
  value: number;
  basis: string;
}

/** Company facts built from the bundled figures (2009 on, as XBRL is), plus the extra periods given. */
export function factsFor(company: 'amazon' | 'walmart', extra: Period[] = []): CompanyFacts {
  const json = bundledJson();
  const index = company === 'amazon' ? 0 : 1;
  const cik = company === 'amazon' ? '0001018724' : '0000104169';
  const points = [...((json.metrics[0]?.series[index]?.points ?? []) as unknown as Period[]), ...extra].filter((p) => p.end >= '2009-06-01');
  const byConcept: Record<string, SecFact[]> = {};
  const add = (concept: string, f: SecFact) => (byConcept[concept] ??= []).push(f);
  let n = 1;
  for (const p of points) {
    const filedYear = Number(p.end.slice(0, 4)) + 1;
    if (p.basis === 'annual') {
      // Amazon switched concept with ASC 606 (2018); Walmart reports total revenues as Revenues throughout.
      const concept = company === 'walmart' ? 'Revenues' : p.end >= '2018-01-01' ? 'RevenueFromContractWithCustomerExcludingAssessedTax' : 'SalesRevenueNet';
      // Each year appears in its own 10-K and again in the next two (as comparatives).
      for (let k = 0; k < 3; k += 1) add(concept, fact(p.start, p.end, p.value, '10-K', `${filedYear + k}-02-${String(10 + k).padStart(2, '0')}`, cik, (n += 1)));
      // Walmart's net sales: a concept it also tags, which is not its total revenue.
      if (company === 'walmart') add('RevenueFromContractWithCustomerExcludingAssessedTax', fact(p.start, p.end, Math.round(p.value * 0.98), '10-K', `${filedYear}-03-01`, cik, (n += 1)));
    } else if (!((json.metrics[0]?.series[index]?.points ?? []) as unknown as Array<{ fiscalLabel: string; end: string; source: { document: string } }>).some((q) => q.end === p.end && q.source.document.startsWith('Derived'))) {
      const concept = company === 'walmart' ? 'Revenues' : 'RevenueFromContractWithCustomerExcludingAssessedTax';
      const filed = `${p.end.slice(0, 7)}-28`.replace(/-(\d{2})-28$/, (_m, mm: string) => `-${String(Math.min(12, Number(mm) + 1)).padStart(2, '0')}-28`);
      add(concept, fact(p.start, p.end, p.value, '10-Q', filed, cik, (n += 1)));
      // Year-to-date figures of the same 10-Q (six or nine months) must be ignored.
      add(concept, { ...fact(p.start, p.end, p.value * 2, '10-Q', filed, cik, (n += 1)), start: `${Number(p.start.slice(0, 4)) - 1}${p.start.slice(4)}` });
    }
  }
  if (company === 'walmart') {
    // FY2013 was restated: first 469,162 in the FY2013 10-K, 468,651 in the FY2014 one.
    const fy2013 = byConcept['Revenues']?.filter((f) => f.end === '2013-01-31') ?? [];
    if (fy2013[0] !== undefined) fy2013[0].val = 469_162_000_000;
  }
  return {
    cik: Number(cik),
    entityName: company === 'amazon' ? 'AMAZON COM INC' : 'Walmart Inc.',
    facts: { 'us-gaap': Object.fromEntries(Object.entries(byConcept).map(([concept, facts]) => [concept, { label: concept, units: { USD: facts } }])) },
  };
}

export const SEC_TICKERS = [
  { cik_str: 1018724, ticker: 'AMZN', title: 'AMAZON COM INC' },
  { cik_str: 104169, ticker: 'WMT', title: 'Walmart Inc.' },
  { cik_str: 909832, ticker: 'COST', title: 'COSTCO WHOLESALE CORP /NEW' },
];
