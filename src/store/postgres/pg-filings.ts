import type pg from 'pg';
import { toTrackedFiling, type Filing, type FilingRow, type FilingState, type FilingsStore, type TrackedFiling } from '../filings-store.js';

/** The earnings watcher's part of PgStore. */
export class PgFilings implements FilingsStore {
  constructor(private readonly pool: pg.Pool) {}

  async watchedCiks(): Promise<Set<string>> {
    return new Set((await this.pool.query<{ cik: string }>('SELECT DISTINCT cik FROM sec_filings')).rows.map((r) => r.cik));
  }

  async recordFilings(filings: readonly Filing[], state: 'baseline' | 'new', now: number): Promise<TrackedFiling[]> {
    if (filings.length === 0) return [];
    const inserted = await this.pool.query<{ accession: string }>(
      `INSERT INTO sec_filings (accession, cik, form, items, filed, report_date, state, seen_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS f, (SELECT $7::text, $8::bigint) AS s
       ON CONFLICT (accession) DO NOTHING RETURNING accession`,
      [filings.map((f) => f.accession), filings.map((f) => f.cik), filings.map((f) => f.form), filings.map((f) => f.items), filings.map((f) => f.filed), filings.map((f) => f.reportDate ?? null), state, now],
    );
    const fresh = new Set(inserted.rows.map((r) => r.accession));
    return filings.filter((f) => fresh.has(f.accession)).map((f) => ({ ...f, state, attempts: 0, seenAt: now }));
  }

  async pendingFilings(): Promise<TrackedFiling[]> {
    return (await this.pool.query<FilingRow>("SELECT * FROM sec_filings WHERE state IN ('new', 'waiting') ORDER BY seen_at, accession")).rows.map(toTrackedFiling);
  }

  async setFilingState(accession: string, state: FilingState, attempts: number): Promise<void> {
    await this.pool.query('UPDATE sec_filings SET state = $2, attempts = $3 WHERE accession = $1', [accession, state, attempts]);
  }

  async watcherAccessions(): Promise<Set<string>> {
    const rows = await this.pool.query<{ accession: string }>("SELECT accession FROM sec_filings WHERE state IN ('new', 'waiting', 'done') AND form IN ('10-Q', '10-K')");
    return new Set(rows.rows.map((r) => r.accession));
  }

  async takeLease(name: string, owner: string, now: number, until: number): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO leases (name, owner, until) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until WHERE leases.until < $4 OR leases.owner = EXCLUDED.owner',
      [name, owner, until, now],
    );
    return result.rowCount === 1;
  }
}
