import type Database from 'better-sqlite3';
import { statementCache } from './statements.js';
import type { TokenStore } from '../token-store.js';

/** Action tokens in SQLite. */
export class SqliteTokens implements TokenStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  async saveActionToken(token: string, payload: string, expiresAt: number): Promise<void> {
    this.sql('INSERT INTO action_tokens (token, payload, expires_at) VALUES (?, ?, ?)').run(token, payload, expiresAt);
  }

  async actionToken(token: string, now: number): Promise<string | undefined> {
    return (this.sql('SELECT payload FROM action_tokens WHERE token = ? AND expires_at > ?').get(token, now) as { payload: string } | undefined)?.payload;
  }

  async pruneActionTokens(now: number): Promise<number> {
    return this.sql('DELETE FROM action_tokens WHERE expires_at <= ?').run(now).changes;
  }
}
