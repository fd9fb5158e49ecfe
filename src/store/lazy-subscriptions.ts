import type { SubscriptionService } from '../core/subscriptions/subscription-service.js';
import type { SqliteStore } from './sqlite/sqlite-store.js';

/**
 * Opens the database only when a subscription command first needs it, so `ask compare` and the
 * console neither create a database file nor load the SQLite driver they don't use.
 */
export function lazySubscriptions(path: string): SubscriptionService & { close(): Promise<void> } {
  let store: Promise<SqliteStore> | undefined;
  const open = () => (store ??= import('./sqlite/sqlite-store.js').then(({ SqliteStore }) => new SqliteStore(path)));
  return {
    subscribe: async (input, known) => (await open()).subscribe(input, known),
    unsubscribe: async (channel, rivalry) => (await open()).unsubscribe(channel, rivalry),
    listForWorkspace: async (platform, workspace) => (await open()).listForWorkspace(platform, workspace),
    close: async () => (await store)?.close(),
  };
}
