import type Database from 'better-sqlite3';
import { statementCache } from './statements.js';
import { toTrackedFiling, type Filing, type FilingRow, type FilingState, type FilingsStore, type TrackedFiling } from '../filings-store.js';

/** The earnings watcher's part of SqliteStore. */
export class SqliteFilings implements FilingsStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  async watchedCiks(): Promise<Set<string>> {
    return new Set((this.sql('SELECT DISTINCT cik FROM sec_filings').all() as Array<{ cik: string }>).map((r) => r.cik));
  }

  async recordFilings(filings: readonly Filing[], state: 'baseline' | 'new', now: number): Promise<TrackedFiling[]> {
    const insert = this.sql('INSERT INTO sec_filings (accession, cik, form, items, filed, report_date, state, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (accession) DO NOTHING');
    return this.db.transaction(() =>
      filings.flatMap((f) => (insert.run(f.accession, f.cik, f.form, f.items, f.filed, f.reportDate ?? null, state, now).changes === 1 ? [{ ...f, state, attempts: 0, seenAt: now }] : [])),
    ).immediate();
  }

  async pendingFilings(): Promise<TrackedFiling[]> {
    return (this.sql("SELECT * FROM sec_filings WHERE state IN ('new', 'waiting') ORDER BY seen_at, accession").all() as FilingRow[]).map(toTrackedFiling);
  }

  async setFilingState(accession: string, state: FilingState, attempts: number): Promise<void> {
    this.sql('UPDATE sec_filings SET state = ?, attempts = ? WHERE accession = ?').run(state, attempts, accession);
  }

  async watcherAccessions(): Promise<Set<string>> {
    const rows = this.sql("SELECT accession FROM sec_filings WHERE state IN ('new', 'waiting', 'done') AND form IN ('10-Q', '10-K')").all() as Array<{ accession: string }>;
    return new Set(rows.map((r) => r.accession));
  }

  async takeLease(name: string, owner: string, now: number, until: number): Promise<boolean> {
    return (
      this.db
        .prepare('INSERT INTO leases (name, owner, until) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until WHERE leases.until < ? OR leases.owner = excluded.owner')
        .run(name, owner, until, now).changes === 1
    );
  }
}
