import { workspaceKey, type WorkspaceKey } from '../data/catalog.js';
import type { Origin } from '../inbound.js';
import { errorMessage, type Message } from '../message/message.js';
import type { TrackingService } from '../tracking/tracking-service.js';
import type { CommandContext, OptionSpec } from './command.js';
import { companyOption, rivalryOption } from './options.js';

/** The workspace a tracking command changes, and the service to change it, or the message that says why not. */
export function trackingContext(context: CommandContext): { ok: true; workspace: WorkspaceKey; origin: Origin; service: TrackingService } | { ok: false; message: Message } {
  const { origin, tracking } = context;
  if (tracking === undefined) {
    return { ok: false, message: errorMessage('Tracking is not available here', 'This bot runs without its database or SEC access, so new rivalries cannot be tracked. Use `rivalry-bot serve` with SEC_USER_AGENT set.') };
  }
  if (origin?.workspaceId === undefined) {
    return { ok: false, message: errorMessage('Not in a workspace', 'Tracked rivalries belong to a workspace or server: run this command in one of its channels, not in a direct message.') };
  }
  return { ok: true, workspace: workspaceKey(origin.platform, origin.workspaceId), origin, service: tracking };
}

/** The rivalry must be named: a command that removes or renames never falls back to "the only one". */
export const namedRivalryOption: OptionSpec = { ...rivalryOption, required: true, description: 'The rivalry, by its name in /rivalry list' };

export const companyToRenameOption: OptionSpec = { ...companyOption, required: true, description: 'The company to rename, by ticker (e.g. COST)' };

/** Said when a command would change a rivalry that ships with the bot. */
export const shippedRivalry = (slug: string) =>
  errorMessage(`${slug} ships with the bot`, `"${slug}" is one of the rivalries the operator ships for every workspace; it cannot be changed from chat. Only rivalries this workspace tracked can be.`, ['See /rivalry list: tracked ones are marked "tracked here".']);
