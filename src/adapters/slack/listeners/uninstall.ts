import type { App } from '@slack/bolt';
import type { InstallationRegistry } from '../../contract.js';

/** When a workspace removes the app (or revokes its bot token), forget its installation and stop its subscriptions. */
export function register(app: App, installations: InstallationRegistry): void {
  app.event('app_uninstalled', async ({ context }) => {
    const workspace = context.isEnterpriseInstall ? context.enterpriseId : context.teamId;
    if (workspace !== undefined) await installations.uninstalled('slack', workspace, 'the app was uninstalled from the workspace');
  });
  app.event('tokens_revoked', async ({ event, context }) => {
    const workspace = context.isEnterpriseInstall ? context.enterpriseId : context.teamId;
    if (workspace !== undefined && (event.tokens.bot?.length ?? 0) > 0) await installations.uninstalled('slack', workspace, 'the bot token was revoked');
  });
}
