import type pg from 'pg';
import type { TokenStore } from '../token-store.js';

/** Action tokens in PostgreSQL. */
export class PgTokens implements TokenStore {
  constructor(private readonly pool: pg.Pool) {}

  async saveActionToken(token: string, payload: string, expiresAt: number): Promise<void> {
    await this.pool.query('INSERT INTO action_tokens (token, payload, expires_at) VALUES ($1, $2, $3)', [token, payload, expiresAt]);
  }

  async actionToken(token: string, now: number): Promise<string | undefined> {
    return (await this.pool.query<{ payload: string }>('SELECT payload FROM action_tokens WHERE token = $1 AND expires_at > $2', [token, now])).rows[0]?.payload;
  }

  async pruneActionTokens(now: number): Promise<number> {
    return (await this.pool.query('DELETE FROM action_tokens WHERE expires_at <= $1', [now])).rowCount ?? 0;
  }
}
