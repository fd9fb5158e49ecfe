import { randomUUID } from 'node:crypto';
import { InteractionType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { CommandSpec } from '../../core/commands/command.js';
import type { Message } from '../../core/message/message.js';
import type { AutocompleteHandler, Choice, CommandHandler, Origin } from '../../core/inbound.js';
import { errorMessage } from '../../core/message/message.js';
import { ROOT_COMMAND } from './command-definitions.js';
import { selectedSubcommand, type InteractionPayload } from './interaction-payload.js';
import { renderEmbeds, type DiscordReply } from './render-embeds.js';

export interface InteractionDeps {
  handle: CommandHandler;
  complete: AutocompleteHandler;
  commands: readonly CommandSpec[];
  logger: Logger;
  /** Draws charts; without it, replies carry no image. */
  renderChart?: ChartRenderer;
}

/** The reply for a message: its embed, plus the chart as an attachment when there is one. */
export async function replyFor(message: Message, renderChart: ChartRenderer | undefined): Promise<DiscordReply> {
  const reply = renderEmbeds(message);
  if (message.chart === undefined || renderChart === undefined) {
    if (message.chart !== undefined) for (const e of reply.embeds) delete e.image;
    return reply;
  }
  const data = await renderChart(message.chart);
  return { ...reply, files: [{ name: message.chart.filename, data, description: message.chart.altText.slice(0, 1024) }] };
}

/** What an interaction asks of us, before any transport-specific answer. */
export type Routed =
  | { kind: 'pong' }
  | { kind: 'command'; visibilityHint: 'public' | 'private'; reply: () => Promise<DiscordReply> }
  | { kind: 'autocomplete'; choices: () => Promise<Choice[]> }
  | { kind: 'unsupported' };

const REREGISTER = 'The command list Discord shows is out of date. Ask an admin to run `rivalry-bot discord register`.';

/** Manage Channels or Administrator, from the member permissions Discord computed for this channel. */
const MANAGE = PermissionFlagsBits.ManageChannels | PermissionFlagsBits.Administrator;

function originOf(p: InteractionPayload): Origin {
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

/** Commands whose replies are only for the asker, so a deferral can already be ephemeral. */
const PRIVATE_COMMANDS = new Set(['help', 'list', 'subscriptions', 'digest']);

/** Shared by the gateway and HTTP transports: same payload in, same answer out. */
export function routeInteraction(payload: InteractionPayload, deps: InteractionDeps): Routed {
  if (payload.type === InteractionType.Ping) return { kind: 'pong' };
  const isCommand = payload.type === InteractionType.ApplicationCommand;
  const isAutocomplete = payload.type === InteractionType.ApplicationCommandAutocomplete;
  if ((!isCommand && !isAutocomplete) || payload.data?.name !== ROOT_COMMAND) return { kind: 'unsupported' };

  const origin = originOf(payload);
  const sub = selectedSubcommand(payload.data.options);
  const spec = deps.commands.find((c) => c.name === sub?.name);

  if (isAutocomplete) {
    const focused = sub?.focused;
    if (focused === undefined || spec === undefined) return { kind: 'autocomplete', choices: async () => [] };
    return { kind: 'autocomplete', choices: () => deps.complete({ option: focused.name, partial: focused.value, selected: sub?.options ?? {}, origin }) };
  }

  const log = deps.logger.child({ requestId: origin.requestId, platform: 'discord' });
  if (sub === undefined || spec === undefined) {
    log.warn({ subcommand: sub?.name }, 'unknown subcommand: stale registration?');
    return { kind: 'command', visibilityHint: 'private', reply: async () => renderEmbeds(errorMessage(`Unknown command "${sub?.name ?? ''}"`, REREGISTER)) };
  }
  const unknown = Object.keys(sub.options).filter((name) => !spec.options.some((o) => o.name === name));
  if (unknown.length > 0) {
    log.warn({ subcommand: sub.name, unknown }, 'unknown options: stale registration?');
    return { kind: 'command', visibilityHint: 'private', reply: async () => renderEmbeds(errorMessage(`"${sub.name}" has no option ${unknown.map((u) => `"${u}"`).join(', ')}`, REREGISTER)) };
  }
  log.info({ guild: origin.workspaceId, channel: origin.channelId, user: origin.userId, subcommand: sub.name, options: sub.options }, 'slash command');
  return {
    kind: 'command',
    visibilityHint: PRIVATE_COMMANDS.has(sub.name) ? 'private' : 'public',
    reply: async () => replyFor(await deps.handle({ kind: 'structured', name: sub.name, options: sub.options, origin }), deps.renderChart),
  };
}
