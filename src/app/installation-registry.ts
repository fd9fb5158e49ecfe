import type { Logger } from 'pino';
import type { InstallationRegistry } from '../adapters/contract.js';
import type { Store } from '../store/store.js';

/** App installations kept in the bot's database; an uninstall also stops the workspace's subscriptions. */
export function installationRegistry(store: Store, logger: Logger): InstallationRegistry {
  return {
    save: (platform, workspace, data) => store.saveInstallation(platform, workspace, data, Date.now()),
    fetch: (platform, workspace) => store.fetchInstallation(platform, workspace),
    uninstalled: async (platform, workspace, reason) => {
      await store.deleteInstallation(platform, workspace);
      const stopped = await store.disableWorkspace(platform, workspace, reason, Date.now());
      logger.warn({ platform, workspace, stopped }, `${reason}: installation removed, subscriptions stopped`);
    },
  };
}
