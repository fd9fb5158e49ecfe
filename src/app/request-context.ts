import type { CommandContext } from '../core/commands/command.js';
import { workspaceKey } from '../core/data/catalog.js';
import type { Origin } from '../core/inbound.js';

/** A fixed context, or a function giving the current one (the catalog changes when data is reloaded). */
export type ContextSource = CommandContext | (() => CommandContext);

export const current = (source: ContextSource): CommandContext => (typeof source === 'function' ? source() : source);

/** The context a request from `origin` runs in: the catalog as its workspace sees it (shipped rivalries plus its own). */
export function contextFor(source: ContextSource, origin: Origin): CommandContext {
  const context = current(source);
  const workspace = origin.workspaceId === undefined ? undefined : workspaceKey(origin.platform, origin.workspaceId);
  return { ...context, catalog: context.catalog.forWorkspace(workspace), origin };
}
