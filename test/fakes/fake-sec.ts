import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { CompanyFacts } from '../../src/core/sec/company-facts.js';
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

export { factsFor, type FactsOptions, type Period } from './sec-facts.js';

export const SEC_TICKERS = [
  { cik_str: 1018724, ticker: 'AMZN', title: 'AMAZON COM INC' },
  { cik_str: 104169, ticker: 'WMT', title: 'Walmart Inc.' },
  { cik_str: 909832, ticker: 'COST', title: 'COSTCO WHOLESALE CORP /NEW' },
];
