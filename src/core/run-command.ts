import { randomBytes } from 'node:crypto';
import type { CommandContext, RawArgs } from './commands/command.js';
import { resolveArgs } from './commands/resolve-args.js';
import { errorMessage, type Message } from './message/message.js';
import { parseCommandText } from './parser/parse-command-text.js';

export interface RunHooks {
  /** Told about a failure inside a command; the user only sees the reference id. */
  onError?: (error: unknown, referenceId: string) => void;
}

/** A short id to quote in the apology and find in the logs. */
function referenceId(): string {
  return randomBytes(4).toString('hex');
}

function guarded(run: () => Message, hooks: RunHooks): Message {
  try {
    return run();
  } catch (error) {
    const ref = referenceId();
    hooks.onError?.(error, ref);
    return errorMessage('Something went wrong', `Sorry, that command failed on our side. Reference: ${ref}.`, ['The details are in the bot\'s log under that reference.']);
  }
}

/** Runs a command typed as text ("compare amazon-vs-walmart revenue"). Never throws. */
export function runCommandText(text: string, context: CommandContext, hooks: RunHooks = {}): Message {
  return guarded(() => {
    const parsed = parseCommandText(text, context);
    if (!parsed.ok) return parsed.message;
    const resolved = resolveArgs(parsed.command, parsed.raw, context);
    return resolved.ok ? parsed.command.run(resolved.args, context) : resolved.message;
  }, hooks);
}

/** Runs a command whose options arrive already split (a platform's structured slash command). Never throws. */
export function runCommand(name: string, raw: RawArgs, context: CommandContext, hooks: RunHooks = {}): Message {
  return guarded(() => {
    const command = context.commands.find((c) => c.name === name);
    if (command === undefined) return runCommandText(name, context, hooks);
    const resolved = resolveArgs(command, raw, context);
    return resolved.ok ? command.run(resolved.args, context) : resolved.message;
  }, hooks);
}
