/**
 * Short server-side tokens for click payloads too long for a platform (Telegram's 64 bytes): the
 * payload is kept here and the button carries the token. Tokens expire.
 */
export interface TokenStore {
  saveActionToken(token: string, payload: string, expiresAt: number): Promise<void>;
  /** The payload behind a token, unless it is unknown or expired. */
  actionToken(token: string, now: number): Promise<string | undefined>;
  /** Deletes expired tokens; returns how many. */
  pruneActionTokens(now: number): Promise<number>;
}
