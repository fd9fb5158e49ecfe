import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { ConfigError } from '../config.js';
import type { Store } from '../../store/store.js';
import { SecClient } from './sec-client.js';

/** SEC refuses clients that do not name themselves: says so, clearly, before any work starts. */
export function requireSecUserAgent(config: Config): string {
  if (config.SEC_USER_AGENT === undefined) {
    throw new ConfigError([
      'SEC_USER_AGENT: is required to download from SEC EDGAR. SEC blocks clients that do not say who they are; set it to your name or company and a contact e-mail, e.g. SEC_USER_AGENT="Example Corp admin@example.com".',
    ]);
  }
  return config.SEC_USER_AGENT;
}

/** The SEC client the configuration describes, pacing through the store when one is given (the rate is the deployment's). */
export function secClientFromConfig(config: Config, logger: Logger, store?: Store, options: { maxRetries?: number } = {}): SecClient {
  return new SecClient({
    apiUrl: config.SEC_API_URL,
    tickersUrl: config.SEC_TICKERS_URL,
    userAgent: requireSecUserAgent(config),
    cacheDir: join(dirname(config.DATABASE_PATH), 'sec-cache'),
    logger,
    ...options,
    ...(store === undefined ? {} : { sharedPace: sharedPace(store) }),
  });
}

/** SEC's fair-access rate for the whole deployment: every process takes its turns from the database. */
function sharedPace(store: Store): (gapMs: number) => Promise<void> {
  return async (gapMs) => {
    const at = await store.catalog.reserveRateSlot('sec', Date.now(), gapMs);
    const wait = at - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };
}
