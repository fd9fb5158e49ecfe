import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { companyFactsSchema, type CompanyFacts } from '../../core/sec/company-facts.js';
import { secRequests } from '../metrics/metrics.js';

export interface SecClientOptions {
  /** SEC's data API (https://data.sec.gov) or a mirror. */
  apiUrl: string;
  /** SEC's ticker → CIK list (https://www.sec.gov/files/company_tickers.json). */
  tickersUrl: string;
  /** SEC requires a descriptive User-Agent with a contact ("Example Corp admin@example.com"). */
  userAgent: string;
  /** Where ETags and bodies are kept, so an unchanged company costs one 304. */
  cacheDir: string;
  logger: Logger;
  /** SEC's fair-access limit is 10 requests/second; stay under it. */
  requestsPerSecond?: number;
  /**
   * Waits for this process's turn when the rate is shared with others (replicas, the CLI beside
   * `serve`): given the gap between requests, resolves when the request may start.
   */
  sharedPace?: (gapMs: number) => Promise<void>;
  /** How long the ticker list is kept in memory (it changes a few times a day at most). */
  tickersTtlMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
}

export class SecError extends Error {
  override name = 'SecError';
}

const tickersSchema = z.record(z.string(), z.object({ cik_str: z.number(), ticker: z.string(), title: z.string() }));
export type TickerEntry = { cik: string; ticker: string; title: string };

interface CacheEntry {
  etag?: string;
  lastModified?: string;
  body: unknown;
}

export const cik10 = (cik: string | number) => String(cik).replace(/^0+/, '').padStart(10, '0');

/** SEC EDGAR over HTTP: paced, retried, conditional. */
export class SecClient {
  private nextSlot = 0;
  private tickerList: { at: number; list: Promise<TickerEntry[]> } | undefined;
  constructor(private readonly options: SecClientOptions) {
    mkdirSync(options.cacheDir, { recursive: true });
  }

  /** Waits for this request's turn: requests start at most `requestsPerSecond` a second. */
  private async pace(): Promise<void> {
    const gap = 1000 / (this.options.requestsPerSecond ?? 8);
    if (this.options.sharedPace !== undefined) return this.options.sharedPace(gap);
    const now = Date.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + gap;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }

  private cachePath(name: string): string {
    return join(this.options.cacheDir, `${name}.json`);
  }

  private readCache(name: string): CacheEntry | undefined {
    try {
      return JSON.parse(readFileSync(this.cachePath(name), 'utf8')) as CacheEntry;
    } catch {
      return undefined;
    }
  }

  private writeCache(name: string, entry: CacheEntry): void {
    const path = this.cachePath(name);
    writeFileSync(`${path}.tmp`, JSON.stringify(entry));
    renameSync(`${path}.tmp`, path);
  }

  /** GET with If-None-Match / If-Modified-Since; 429 and 5xx retried with backoff (Retry-After honoured). */
  private async getJson(url: string, cacheName: string, what: string): Promise<unknown> {
    const cached = this.readCache(cacheName);
    const maxRetries = this.options.maxRetries ?? 4;
    for (let attempt = 0; ; attempt += 1) {
      await this.pace();
      const headers: Record<string, string> = { 'user-agent': this.options.userAgent, accept: 'application/json' };
      if (cached?.etag !== undefined) headers['if-none-match'] = cached.etag;
      if (cached?.lastModified !== undefined) headers['if-modified-since'] = cached.lastModified;
      let res: Response;
      try {
        res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
      } catch (error) {
        secRequests.inc({ outcome: 'unreachable' });
        if (attempt < maxRetries) {
          await this.backoff(attempt, undefined);
          continue;
        }
        throw new SecError(`${what}: SEC could not be reached (${error instanceof Error ? error.message : String(error)})`);
      }
      secRequests.inc({ outcome: secOutcome(res.status) });
      if (res.status === 304 && cached !== undefined) return cached.body;
      if (res.status === 429 || res.status >= 500) {
        await res.arrayBuffer();
        if (attempt < maxRetries) {
          this.options.logger.warn({ url, status: res.status, attempt }, 'SEC asked us to wait; retrying');
          await this.backoff(attempt, res.headers.get('retry-after'));
          continue;
        }
        throw new SecError(`${what}: SEC answered ${res.status} ${maxRetries + 1} times; try again later`);
      }
      if (res.status === 404) throw new SecError(`${what}: SEC has no such record (404); check the CIK or ticker`);
      if (res.status === 403) throw new SecError(`${what}: SEC refused the request (403); SEC_USER_AGENT must name you and a contact address`);
      if (!res.ok) throw new SecError(`${what}: SEC answered ${res.status}`);
      const text = await res.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new SecError(`${what}: SEC answered with malformed JSON`);
      }
      this.writeCache(cacheName, { body, ...(res.headers.get('etag') === null ? {} : { etag: res.headers.get('etag') as string }), ...(res.headers.get('last-modified') === null ? {} : { lastModified: res.headers.get('last-modified') as string }) });
      return body;
    }
  }

  private async backoff(attempt: number, retryAfter: string | null | undefined): Promise<void> {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : (this.options.retryBaseMs ?? 500) * 2 ** attempt;
    await new Promise((r) => setTimeout(r, Math.min(ms, 60_000)));
  }

  async companyFacts(cik: string): Promise<CompanyFacts> {
    const id = cik10(cik);
    const what = `company facts for CIK ${id}`;
    const body = await this.getJson(`${this.options.apiUrl.replace(/\/$/, '')}/api/xbrl/companyfacts/CIK${id}.json`, `CIK${id}`, what);
    const parsed = companyFactsSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SecError(`${what}: unexpected shape at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`);
    }
    return parsed.data;
  }

  /** A company's filing index (data.sec.gov/submissions), conditional like every request; the caller checks its shape. */
  async submissions(cik: string): Promise<unknown> {
    const id = cik10(cik);
    return this.getJson(`${this.options.apiUrl.replace(/\/$/, '')}/submissions/CIK${id}.json`, `submissions-CIK${id}`, `filing index for CIK ${id}`);
  }

  /** SEC's ticker list, kept in memory for a while so every `track` does not fetch it again. A failed fetch is not kept. */
  tickers(): Promise<TickerEntry[]> {
    const now = Date.now();
    if (this.tickerList === undefined || now - this.tickerList.at > (this.options.tickersTtlMs ?? 6 * 3_600_000)) {
      const list = this.fetchTickers();
      this.tickerList = { at: now, list };
      list.catch(() => {
        if (this.tickerList?.list === list) this.tickerList = undefined;
      });
    }
    return this.tickerList.list;
  }

  private async fetchTickers(): Promise<TickerEntry[]> {
    const parsed = tickersSchema.safeParse(await this.getJson(this.options.tickersUrl, 'company_tickers', 'SEC ticker list'));
    if (!parsed.success) throw new SecError('SEC ticker list: unexpected shape');
    return Object.values(parsed.data).map((t) => ({ cik: cik10(t.cik_str), ticker: t.ticker.toUpperCase(), title: t.title }));
  }
}

/** A response status as a low-cardinality label. */
function secOutcome(status: number): string {
  if (status === 304) return 'not-modified';
  if (status === 429) return 'rate-limited';
  if (status === 404) return 'not-found';
  if (status >= 500) return 'server-error';
  return status >= 200 && status < 300 ? 'ok' : 'refused';
}
