import { InteractionType } from 'discord-api-types/v10';
import { errorMessage } from '../../core/message/message.js';
import { ROOT_COMMAND } from './command-definitions.js';
import { selectedSubcommand, type InteractionPayload } from './interaction-payload.js';
import { originOf } from './origin.js';
import { renderEmbeds } from './render-embeds.js';
import { replyFor } from './reply-for.js';
import { routeComponent, routeModalSubmit } from './route-components.js';
import { PRIVATE_COMMANDS, type InteractionDeps, type Routed } from './routed.js';

export type { InteractionDeps, Routed } from './routed.js';

const REREGISTER = 'The command list Discord shows is out of date. Ask an admin to run `rivalry-bot discord register`.';

/** Shared by the gateway and HTTP transports: same (validated) payload in, same answer out. */
export function routeInteraction(payload: InteractionPayload, deps: InteractionDeps): Routed {
  if (payload.type === InteractionType.Ping) return { kind: 'pong' };
  if (payload.type === InteractionType.MessageComponent) return routeComponent(payload, deps);
  if (payload.type === InteractionType.ModalSubmit) return routeModalSubmit(payload, deps);
  if (payload.data.name !== ROOT_COMMAND) return { kind: 'unsupported' };

  const origin = originOf(payload);
  const sub = selectedSubcommand(payload.data.options);
  const spec = deps.commands.find((c) => c.name === sub?.name);

  if (payload.type === InteractionType.ApplicationCommandAutocomplete) {
    const focused = sub?.focused;
    if (focused === undefined || spec === undefined) return { kind: 'autocomplete', choices: async () => [] };
    return { kind: 'autocomplete', choices: () => deps.complete({ option: focused.name, partial: focused.value, selected: sub?.options ?? {}, origin }) };
  }

  // One line per command, with the request's fields inline: a child logger per request costs more than the line.
  const fields = { requestId: origin.requestId, platform: 'discord' } as const;
  const refuse = (title: string) => ({ kind: 'message', effect: 'new', visibilityHint: 'private', reply: async () => renderEmbeds(errorMessage(title, REREGISTER)) }) as const;
  if (sub === undefined || spec === undefined) {
    deps.logger.warn({ ...fields, subcommand: sub?.name }, 'unknown subcommand: stale registration?');
    return refuse(`Unknown command "${sub?.name ?? ''}"`);
  }
  const unknown = Object.keys(sub.options).filter((name) => !spec.options.some((o) => o.name === name));
  if (unknown.length > 0) {
    deps.logger.warn({ ...fields, subcommand: sub.name, unknown }, 'unknown options: stale registration?');
    return refuse(`"${sub.name}" has no option ${unknown.map((u) => `"${u}"`).join(', ')}`);
  }
  // Written once the answer is on its way (a line costs tens of µs with cold caches; the asker should not wait for it).
  const line = { ...fields, guild: origin.workspaceId, channel: origin.channelId, user: origin.userId, subcommand: sub.name, options: sub.options };
  setImmediate(() => deps.logger.info(line, 'slash command'));
  return {
    kind: 'message',
    effect: 'new',
    visibilityHint: PRIVATE_COMMANDS.has(sub.name) ? 'private' : 'public',
    reply: async () => replyFor(await deps.handle({ kind: 'structured', name: sub.name, options: sub.options, origin }), deps.renderChart),
  };
}
