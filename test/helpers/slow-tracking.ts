import type { TrackingService } from '../../src/core/tracking/tracking-service.js';
import { bundledRivalry } from './bundled.js';

/** Tracking that takes `ms` (as fetching from SEC can), then finds the pair ships with the bot: for tests of slow replies. */
export function slowTracking(ms: number): TrackingService {
  return {
    track: async () => {
      await new Promise((r) => setTimeout(r, ms));
      return { kind: 'exists', rivalry: bundledRivalry(), scope: 'everywhere' };
    },
    untrack: async () => ({ kind: 'not-tracked-here' }),
    rename: async () => ({ kind: 'not-tracked-here' }),
  };
}
