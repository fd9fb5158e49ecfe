import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { InstallationRegistry } from '../contract.js';

/** Enterprise Grid installs are keyed by enterprise, others by team. */
const workspaceOf = (q: { isEnterpriseInstall?: boolean; enterpriseId?: string | undefined; teamId?: string | undefined }) =>
  (q.isEnterpriseInstall === true ? q.enterpriseId : q.teamId) ?? '';

/** Bolt's installation store over the bot's database: tokens per workspace, never in files or logs. */
export function installationStore(registry: InstallationRegistry): InstallationStore {
  return {
    storeInstallation: async (installation) => {
      const workspace = installation.isEnterpriseInstall === true ? installation.enterprise?.id : installation.team?.id;
      if (workspace === undefined) throw new Error('installation without a team or enterprise id');
      await registry.save('slack', workspace, installation);
    },
    fetchInstallation: async (query: InstallationQuery<boolean>) => {
      const found = await registry.fetch('slack', workspaceOf(query));
      if (found === undefined) throw new Error(`rivalry-bot is not installed in ${workspaceOf(query)}`);
      return found as Installation<'v2', boolean>;
    },
    deleteInstallation: async (query) => registry.uninstalled('slack', workspaceOf(query), 'the app was uninstalled'),
  };
}

/** The bot token of an installed workspace. */
export async function botTokenFor(registry: InstallationRegistry, workspaceId: string): Promise<string | undefined> {
  const installation = (await registry.fetch('slack', workspaceId)) as Installation | undefined;
  return installation?.bot?.token;
}
