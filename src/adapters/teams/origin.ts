import { randomUUID } from 'node:crypto';
import type { Origin } from '../../core/inbound.js';
import { type Activity, channelOf, conversationKind } from './activity.js';
import type { Connector } from './connector.js';

export interface OriginDeps {
  connector: Connector;
  /** RIVALRY_ADMINS: Teams user ids ("29:…") or Entra object ids (GUIDs). */
  admins: ReadonlySet<string>;
}

/**
 * May this person manage the conversation's subscriptions? Listed admins may; in a team channel, the
 * team's owners (their role in the team roster, asked of Teams at the moment it matters, so a demoted
 * owner loses the right at once); in a personal chat, the person it belongs to. Group chats have no
 * owners in the roster: only listed admins manage theirs.
 */
async function canManage(deps: OriginDeps, activity: Activity): Promise<boolean> {
  const { from } = activity;
  if (deps.admins.has(from.id) || (from.aadObjectId !== undefined && deps.admins.has(from.aadObjectId))) return true;
  const kind = conversationKind(activity);
  if (kind === 'personal') return true;
  const team = activity.channelData?.team?.id;
  if (kind !== 'channel' || team === undefined) return false;
  const member = await deps.connector.member(activity.serviceUrl, team, from.id);
  return member.userRole?.toLowerCase() === 'owner';
}

/** IANA names only (Teams sends the client's zone, e.g. "Europe/Berlin"). */
function validZone(zone: string | undefined): string | undefined {
  if (zone === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/**
 * Who asked, as the core sees it: the tenant is the workspace (subscriptions and rate limits are per
 * tenant; a team id would leave chats out), the channel is the conversation without its thread, the
 * user is the Teams user id. The client's time zone comes with every message.
 */
export function teamsOrigin(deps: OriginDeps, activity: Activity, tenantId: string): Origin {
  const zone = validZone(activity.localTimezone);
  return {
    platform: 'teams',
    workspaceId: tenantId,
    channelId: channelOf(activity.conversation.id),
    userId: activity.from.id,
    requestId: randomUUID(),
    canManageChannel: () => canManage(deps, activity),
    askerTimeZone: async () => zone,
  };
}
