import type { SubscriptionService } from '../core/subscriptions/subscription-service.js';
import { openStore } from './open-store.js';
import type { Store } from './store.js';

/**
 * Opens the database only when a subscription command first needs it, so `ask compare` and the
 * console neither create a database file nor load a database driver they don't use.
 */
export function lazySubscriptions(options: { databaseUrl?: string; databasePath: string }): SubscriptionService & { close(): Promise<void> } {
  let store: Promise<Store> | undefined;
  const open = () => (store ??= openStore(options));
  return {
    subscribe: async (input, known) => (await open()).subscribe(input, known),
    unsubscribe: async (channel, rivalry) => (await open()).unsubscribe(channel, rivalry),
    listForWorkspace: async (platform, workspace) => (await open()).listForWorkspace(platform, workspace),
    close: async () => (await store)?.close(),
  };
}
