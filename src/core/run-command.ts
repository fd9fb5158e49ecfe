import { randomBytes } from 'node:crypto';
import type { CommandArgs, CommandContext, CommandSpec, RawArgs } from './commands/command.js';
import { resolveArgs } from './commands/resolve-args.js';
import { errorMessage, type Message } from './message/message.js';
import { parseCommandText } from './parser/parse-command-text.js';

/** How a command ended: answered, bad input (answered with help), not allowed, or failed on our side. */
export type RunOutcome = 'ok' | 'invalid' | 'refused' | 'error';

export interface RunHooks {
  /** Told about a failure inside a command; the user only sees the reference id. */
  onError?: (error: unknown, referenceId: string) => void;
  /** Told how each command ended ("unknown" when the text named none), for the operator's metrics. */
  onOutcome?: (command: string, outcome: RunOutcome) => void;
}

/** What a run learns on the way: which command it was, and whether it was refused. */
interface Tally {
  command: string;
  refused: boolean;
}

/** A short id to quote in the apology and find in the logs. */
function referenceId(): string {
  return randomBytes(4).toString('hex');
}

async function guarded(run: (tally: Tally) => Promise<Message>, hooks: RunHooks): Promise<Message> {
  const tally: Tally = { command: 'unknown', refused: false };
  try {
    const reply = await run(tally);
    hooks.onOutcome?.(tally.command, tally.refused ? 'refused' : reply.severity === 'error' ? 'invalid' : 'ok');
    return reply;
  } catch (error) {
    const ref = referenceId();
    hooks.onError?.(error, ref);
    hooks.onOutcome?.(tally.command, 'error');
    return errorMessage('Something went wrong', `Sorry, that command failed on our side. Reference: ${ref}.`, ['The details are in the bot\'s log under that reference.']);
  }
}

const refusal = (command: CommandSpec) =>
  errorMessage('Not allowed', `Only people who can manage this channel may use "${command.name}" (Slack: workspace admins or owners; Discord: Manage Channels; Telegram: chat admins; Teams: team owners). Nothing was changed.`);

/** Checks the command's permission through the origin, then runs it. */
async function authorisedRun(command: CommandSpec, args: CommandArgs, context: CommandContext, tally: Tally): Promise<Message> {
  tally.command = command.name;
  if (command.permission === 'manage-channel') {
    const check = context.origin?.canManageChannel;
    if (check === undefined || !(await check())) {
      tally.refused = true;
      return refusal(command);
    }
  }
  return command.run(args, context);
}

async function textRun(text: string, context: CommandContext, tally: Tally): Promise<Message> {
  const parsed = parseCommandText(text, context);
  if (!parsed.ok) return parsed.message;
  tally.command = parsed.command.name;
  const resolved = resolveArgs(parsed.command, parsed.raw, context);
  return resolved.ok ? authorisedRun(parsed.command, resolved.args, context, tally) : resolved.message;
}

/** Runs a command typed as text ("compare amazon-vs-walmart revenue"). Never rejects. */
export function runCommandText(text: string, context: CommandContext, hooks: RunHooks = {}): Promise<Message> {
  return guarded((tally) => textRun(text, context, tally), hooks);
}

/** Runs a command whose options arrive already split (a platform's structured slash command). Never rejects. */
export function runCommand(name: string, raw: RawArgs, context: CommandContext, hooks: RunHooks = {}): Promise<Message> {
  return guarded(async (tally) => {
    const command = context.commands.find((c) => c.name === name);
    if (command === undefined) return textRun(name, context, tally);
    tally.command = command.name;
    const resolved = resolveArgs(command, raw, context);
    return resolved.ok ? authorisedRun(command, resolved.args, context, tally) : resolved.message;
  }, hooks);
}
