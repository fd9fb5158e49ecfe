import type { Logger } from 'pino';
import type { Store } from '../../store/store.js';
import type { Config } from '../config.js';
import { secClientFromConfig } from '../sec/sec-from-config.js';
import type { CatalogHolder } from './catalog-holder.js';
import { SecTrackingService } from './tracking-service.js';

/** `track` as the configuration allows it: off with RIVALRY_TRACK=off, and without SEC access (it needs SEC_USER_AGENT). */
export function trackingFromConfig(config: Config, store: Store, holder: CatalogHolder, logger: Logger): SecTrackingService {
  const client =
    config.RIVALRY_TRACK === 'off'
      ? { disabled: 'Tracking new rivalries is turned off for this bot (RIVALRY_TRACK=off). The rivalries it ships are in /rivalry list.' }
      : config.SEC_USER_AGENT === undefined
        ? { disabled: 'This bot has no SEC access set up (the operator sets SEC_USER_AGENT), and tracking needs it to fetch the figures.' }
        : // Someone is waiting in chat: give up on SEC sooner than a scheduled sync would (two retries, ~1.5 s).
          secClientFromConfig(config, logger, store, { maxRetries: 2 });
  return new SecTrackingService({ store, catalog: () => holder.current, refresh: () => holder.refresh(), client, limit: config.RIVALRY_TRACK_LIMIT, logger: logger.child({ component: 'tracking' }) });
}
