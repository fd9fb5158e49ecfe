import { randomBytes } from 'node:crypto';
import type { CommandArgs, CommandContext, CommandSpec, RawArgs } from './commands/command.js';
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

async function guarded(run: () => Promise<Message>, hooks: RunHooks): Promise<Message> {
  try {
    return await run();
  } catch (error) {
    const ref = referenceId();
    hooks.onError?.(error, ref);
    return errorMessage('Something went wrong', `Sorry, that command failed on our side. Reference: ${ref}.`, ['The details are in the bot\'s log under that reference.']);
  }
}

const refusal = (command: CommandSpec) =>
  errorMessage('Not allowed', `Only people who can manage this channel may use "${command.name}" (Slack: workspace admins or owners; Discord: Manage Channels; Telegram: chat admins). Nothing was changed.`);

/** Checks the command's permission through the origin, then runs it. */
async function authorisedRun(command: CommandSpec, args: CommandArgs, context: CommandContext): Promise<Message> {
  if (command.permission === 'manage-channel') {
    const check = context.origin?.canManageChannel;
    if (check === undefined || !(await check())) return refusal(command);
  }
  return command.run(args, context);
}

/** Runs a command typed as text ("compare amazon-vs-walmart revenue"). Never rejects. */
export function runCommandText(text: string, context: CommandContext, hooks: RunHooks = {}): Promise<Message> {
  return guarded(async () => {
    const parsed = parseCommandText(text, context);
    if (!parsed.ok) return parsed.message;
    const resolved = resolveArgs(parsed.command, parsed.raw, context);
    return resolved.ok ? authorisedRun(parsed.command, resolved.args, context) : resolved.message;
  }, hooks);
}

/** Runs a command whose options arrive already split (a platform's structured slash command). Never rejects. */
export function runCommand(name: string, raw: RawArgs, context: CommandContext, hooks: RunHooks = {}): Promise<Message> {
  return guarded(async () => {
    const command = context.commands.find((c) => c.name === name);
    if (command === undefined) return runCommandText(name, context, hooks);
    const resolved = resolveArgs(command, raw, context);
    return resolved.ok ? authorisedRun(command, resolved.args, context) : resolved.message;
  }, hooks);
}
