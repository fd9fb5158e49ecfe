import type { Logger } from 'pino';
import type { CommandContext } from '../core/commands/command.js';
import { autocomplete } from '../core/commands/autocomplete.js';
import type { AutocompleteHandler, CommandHandler } from '../core/inbound.js';
import { runCommand, runCommandText } from '../core/run-command.js';

/** Binds the core to a catalog and the log: the one handler every adapter calls. */
export function createCommandHandler(context: CommandContext, logger: Logger): CommandHandler {
  return async (command) => {
    const log = logger.child({ requestId: command.origin.requestId, platform: command.origin.platform });
    const hooks = { onError: (err: unknown, ref: string) => log.error({ err, ref }, 'command failed') };
    return command.kind === 'text' ? runCommandText(command.text, context, hooks) : runCommand(command.name, command.options, context, hooks);
  };
}

/** Suggestions for options as people type them (Discord autocomplete). */
export function createAutocompleteHandler(context: CommandContext): AutocompleteHandler {
  return async (request) => autocomplete(request.option, request.partial, request.selected, context);
}

/** Everything an adapter needs from the core. */
export function createHandlers(context: CommandContext, logger: Logger): { handle: CommandHandler; complete: AutocompleteHandler; commands: CommandContext['commands'] } {
  return { handle: createCommandHandler(context, logger), complete: createAutocompleteHandler(context), commands: context.commands };
}
