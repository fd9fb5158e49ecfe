import type Database from 'better-sqlite3';
import type { TokenStore } from '../token-store.js';

/** Action tokens in SQLite. */
export class SqliteTokens implements TokenStore {
  constructor(private readonly db: Database.Database) {}

  async saveActionToken(token: string, payload: string, expiresAt: number): Promise<void> {
    this.db.prepare('INSERT INTO action_tokens (token, payload, expires_at) VALUES (?, ?, ?)').run(token, payload, expiresAt);
  }

  async actionToken(token: string, now: number): Promise<string | undefined> {
    return (this.db.prepare('SELECT payload FROM action_tokens WHERE token = ? AND expires_at > ?').get(token, now) as { payload: string } | undefined)?.payload;
  }

  async pruneActionTokens(now: number): Promise<number> {
    return this.db.prepare('DELETE FROM action_tokens WHERE expires_at <= ?').run(now).changes;
  }
}
