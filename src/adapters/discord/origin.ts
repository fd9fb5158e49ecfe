import { randomUUID } from 'node:crypto';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Origin } from '../../core/inbound.js';
import type { InteractionPayload } from './interaction-payload.js';

/** Manage Channels or Administrator, from the member permissions Discord computed for this channel. */
const MANAGE = PermissionFlagsBits.ManageChannels | PermissionFlagsBits.Administrator;

/** Who asked, where: the same for a slash command, a click and a modal submission (each carries the member's permissions). */
export function originOf(p: InteractionPayload): Origin {
  const userId = p.member?.user.id ?? p.user?.id;
  const permissions = p.member?.permissions;
  return {
    platform: 'discord',
    requestId: randomUUID(),
    canManageChannel: async () => permissions !== undefined && /^\d+$/.test(permissions) && (BigInt(permissions) & MANAGE) !== 0n,
    ...(p.guild_id === undefined ? {} : { workspaceId: p.guild_id }),
    ...(p.channel_id === undefined ? {} : { channelId: p.channel_id }),
    ...(userId === undefined ? {} : { userId }),
  };
}
