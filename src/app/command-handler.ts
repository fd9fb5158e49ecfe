import type { Logger } from 'pino';
import { autocomplete } from '../core/commands/autocomplete.js';
import type { CommandContext } from '../core/commands/command.js';
import type { AutocompleteHandler, CommandHandler, FormHandler, HomeHandler } from '../core/inbound.js';
import { homeMessage } from '../core/home/home-message.js';
import { errorMessage, type Message } from '../core/message/message.js';
import { runCommand, runCommandText, type RunHooks, type RunOutcome } from '../core/run-command.js';
import type { TokenStore } from '../store/token-store.js';
import { prepareActions, resolvePayload } from './actions/action-payloads.js';
import { createFormHandler } from './actions/form-handler.js';
import { contextFor, current, type ContextSource } from './request-context.js';
import { commandSeconds, commandsHandled } from './metrics/metrics.js';

const STALE = errorMessage('That button no longer works', 'It belongs to an older message, or its link expired. Run the command again, e.g. /rivalry compare.');

/** A click: its payload decoded (a token followed) and run as the command it stands for, as the person who clicked. */
async function runAction(payload: string, context: CommandContext, hooks: RunHooks, tokens: TokenStore | undefined): Promise<Message> {
  const action = await resolvePayload(payload, tokens);
  if (action.kind === 'command') return runCommand(action.run.command, action.run.options, context, hooks);
  // A form on a platform without forms: the same thing as a command to type.
  if (action.kind === 'form') {
    const rivalry = typeof action.options.rivalry === 'string' ? `${action.options.rivalry} ` : '';
    return errorMessage('Subscribe with a command', `Type: /rivalry subscribe ${rivalry}weekly monday at 09:00 (or daily, monthly <day>; tz <zone>; metric <ids>; alerts-only; with-chart).`);
  }
  return STALE;
}

export type { ContextSource } from './request-context.js';

/** Binds the core to the current catalog, the store and the log: the one handler every adapter calls. */
export function createCommandHandler(source: ContextSource, logger: Logger, tokens?: TokenStore): CommandHandler {
  return async (command) => {
    const started = performance.now();
    let ran: { command: string; outcome: RunOutcome } | undefined;
    const hooks: RunHooks = {
      // The request's child logger only when there is something to log (it costs a few µs on every command otherwise).
      onError: (err: unknown, ref: string) => logger.child({ requestId: command.origin.requestId, platform: command.origin.platform }).error({ err, ref }, 'command failed'),
      onOutcome: (name, outcome) => (ran = { command: name, outcome }),
    };
    const context = contextFor(source, command.origin);
    const reply =
      command.kind === 'text'
        ? await runCommandText(command.text, context, hooks)
        : command.kind === 'structured'
          ? await runCommand(command.name, command.options, context, hooks)
          : await runAction(command.payload, context, hooks, tokens);
    const prepared = await prepareActions(reply, tokens);
    // A stale click runs no command: counted as "unknown".
    const labels = { platform: command.origin.platform, command: ran?.command ?? 'unknown' };
    commandsHandled.inc({ ...labels, outcome: ran?.outcome ?? (reply.severity === 'error' ? 'invalid' : 'ok') });
    commandSeconds.observe(labels, (performance.now() - started) / 1000);
    return prepared;
  };
}

/** Suggestions for options as people type them (Discord autocomplete). */
export function createAutocompleteHandler(source: ContextSource): AutocompleteHandler {
  return async (request) => autocomplete(request.option, request.partial, request.selected, contextFor(source, request.origin));
}

/** Everything an adapter needs from the core. */
export function createHandlers(
  source: ContextSource,
  logger: Logger,
  options: { tokens?: TokenStore } = {},
): { handle: CommandHandler; complete: AutocompleteHandler; forms: FormHandler; home: HomeHandler; commands: CommandContext['commands'] } {
  return {
    handle: createCommandHandler(source, logger, options.tokens),
    home: async (origin) => prepareActions(await homeMessage(contextFor(source, origin)), options.tokens),
    complete: createAutocompleteHandler(source),
    forms: createFormHandler(source, options.tokens),
    commands: current(source).commands,
  };
}
