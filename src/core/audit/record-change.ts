import type { CommandContext } from '../commands/command.js';

/**
 * Records a change a command made, as the person who asked, where they asked. `channelId` when the
 * change concerns another channel than the one typed in (App Home's Unsubscribe buttons).
 */
export async function recordChange(context: CommandContext, change: { action: string; target: string; detail?: string; channelId?: string }): Promise<void> {
  const { audit, origin } = context;
  if (audit === undefined || origin === undefined) return;
  const channelId = change.channelId ?? origin.channelId;
  await audit.record({
    at: (context.now?.() ?? new Date()).getTime(),
    platform: origin.platform,
    ...(origin.workspaceId === undefined ? {} : { workspaceId: origin.workspaceId }),
    ...(channelId === undefined ? {} : { channelId }),
    actor: origin.userId ?? 'unknown',
    action: change.action,
    target: change.target,
    ...(change.detail === undefined ? {} : { detail: change.detail }),
  });
}
