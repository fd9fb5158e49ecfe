import { randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { Origin } from '../../core/inbound.js';

export interface SlackPerson {
  teamId: string;
  userId: string;
  /** Absent in the App Home (no channel behind it). */
  channelId?: string;
}

/**
 * Who asked, as the core sees it, built the same way for commands, clicks, forms and the home: may
 * they manage channels (RIVALRY_ADMINS, or a workspace admin or owner per users.info), and their own
 * time zone. users.info is called only when a command asks, and once at most per request.
 */
export function slackOrigin(client: webApi.WebClient, admins: ReadonlySet<string>, person: SlackPerson): Origin {
  const { teamId, userId, channelId } = person;
  let profile: ReturnType<typeof client.users.info> | undefined;
  const asker = () => (profile ??= client.users.info({ user: userId }));
  const canManageChannel = async () => {
    if (admins.has(userId)) return true;
    const { user } = await asker();
    return user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
  };
  const askerTimeZone = async () => (await asker()).user?.tz;
  return { platform: 'slack', workspaceId: teamId, ...(channelId === undefined ? {} : { channelId }), userId, requestId: randomUUID(), canManageChannel, askerTimeZone };
}
