import type { Logger } from 'pino';
import { autocomplete } from '../core/commands/autocomplete.js';
import type { CommandContext } from '../core/commands/command.js';
import { workspaceKey } from '../core/data/catalog.js';
import type { AutocompleteHandler, CommandHandler, Origin } from '../core/inbound.js';
import { runCommand, runCommandText } from '../core/run-command.js';

/** A fixed context, or a function giving the current one (the catalog changes when data is reloaded). */
export type ContextSource = CommandContext | (() => CommandContext);

const current = (source: ContextSource): CommandContext => (typeof source === 'function' ? source() : source);

/** The context a request from `origin` runs in: the catalog as its workspace sees it (shipped rivalries plus its own). */
function contextFor(source: ContextSource, origin: Origin): CommandContext {
  const context = current(source);
  const workspace = origin.workspaceId === undefined ? undefined : workspaceKey(origin.platform, origin.workspaceId);
  return { ...context, catalog: context.catalog.forWorkspace(workspace), origin };
}

/** Binds the core to the current catalog, the store and the log: the one handler every adapter calls. */
export function createCommandHandler(source: ContextSource, logger: Logger): CommandHandler {
  return async (command) => {
    const log = logger.child({ requestId: command.origin.requestId, platform: command.origin.platform });
    const hooks = { onError: (err: unknown, ref: string) => log.error({ err, ref }, 'command failed') };
    const context = contextFor(source, command.origin);
    return command.kind === 'text' ? runCommandText(command.text, context, hooks) : runCommand(command.name, command.options, context, hooks);
  };
}

/** Suggestions for options as people type them (Discord autocomplete). */
export function createAutocompleteHandler(source: ContextSource): AutocompleteHandler {
  return async (request) => autocomplete(request.option, request.partial, request.selected, contextFor(source, request.origin));
}

/** Everything an adapter needs from the core. */
export function createHandlers(source: ContextSource, logger: Logger): { handle: CommandHandler; complete: AutocompleteHandler; commands: CommandContext['commands'] } {
  return { handle: createCommandHandler(source, logger), complete: createAutocompleteHandler(source), commands: current(source).commands };
}
