import type { Logger } from 'pino';
import { autocomplete } from '../core/commands/autocomplete.js';
import type { CommandContext } from '../core/commands/command.js';
import type { AutocompleteHandler, CommandHandler } from '../core/inbound.js';
import { runCommand, runCommandText } from '../core/run-command.js';

/** A fixed context, or a function giving the current one (the catalog changes when data is reloaded). */
export type ContextSource = CommandContext | (() => CommandContext);

const current = (source: ContextSource): CommandContext => (typeof source === 'function' ? source() : source);

/** Binds the core to the current catalog, the store and the log: the one handler every adapter calls. */
export function createCommandHandler(source: ContextSource, logger: Logger): CommandHandler {
  return async (command) => {
    const log = logger.child({ requestId: command.origin.requestId, platform: command.origin.platform });
    const hooks = { onError: (err: unknown, ref: string) => log.error({ err, ref }, 'command failed') };
    const context = { ...current(source), origin: command.origin };
    return command.kind === 'text' ? runCommandText(command.text, context, hooks) : runCommand(command.name, command.options, context, hooks);
  };
}

/** Suggestions for options as people type them (Discord autocomplete). */
export function createAutocompleteHandler(source: ContextSource): AutocompleteHandler {
  return async (request) => autocomplete(request.option, request.partial, request.selected, current(source));
}

/** Everything an adapter needs from the core. */
export function createHandlers(source: ContextSource, logger: Logger): { handle: CommandHandler; complete: AutocompleteHandler; commands: CommandContext['commands'] } {
  return { handle: createCommandHandler(source, logger), complete: createAutocompleteHandler(source), commands: current(source).commands };
}
