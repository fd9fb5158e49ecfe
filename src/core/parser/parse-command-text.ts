import type { CommandContext, CommandSpec, OptionName, OptionSpec, RawArgs } from '../commands/command.js';
import { knownZones, WEEKDAYS } from '../subscriptions/schedule.js';
import { BASIS_WORDS, KIND_CHOICES } from '../commands/options.js';
import { errorMessage, type Message } from '../message/message.js';
import { editDistance, suggest } from './did-you-mean.js';
import { metricsOf } from '../metrics/served-metrics.js';

/** Commands are short; anything longer is a paste accident, answered without parsing it. */
export const MAX_COMMAND_CHARS = 500;

export type ParseResult = { ok: true; command: CommandSpec; raw: RawArgs } | { ok: false; message: Message };

/** Words each option understands, for recognising positional tokens and for did-you-mean. */
function vocabulary(option: OptionName, context: CommandContext): string[] {
  const { rivalries } = context.catalog;
  switch (option) {
    case 'rivalry':
      return rivalries.map((r) => r.slug);
    case 'metric':
      return rivalries.flatMap((r) => metricsOf(r).flatMap((m) => [m.id, m.name.toLowerCase()]));
    case 'company':
      return rivalries.flatMap((r) => r.companies.flatMap((c) => [c.id, c.ticker.toLowerCase(), c.name.toLowerCase()]));
    case 'basis':
      return Object.keys(BASIS_WORDS);
    case 'kind':
      return [...KIND_CHOICES, ...KIND_CHOICES.map((k) => `${k}s`)];
    case 'command':
      return context.commands.map((c) => c.name);
    case 'frequency':
      return ['daily', 'weekly', 'monthly'];
    case 'weekday':
      return [...WEEKDAYS, ...WEEKDAYS.map((d) => d.slice(0, 3))];
    case 'day':
      return ['last'];
    case 'alerts-only':
      return ['alerts-only', 'alerts'];
    case 'with-chart':
      return ['with-chart', 'chart'];
    case 'zone':
      return knownZones().map((z) => z.toLowerCase());
    case 'since':
    case 'time':
    case 'companies':
    case 'slug':
    case 'name':
    case 'metrics':
    case 'channel':
      return [];
  }
}

/** Options whose values have a shape of their own, so they are recognised without their keyword too. */
const SHAPED: Partial<Record<OptionName, (token: string) => boolean>> = {
  since: (t) => /^\d{4}$/.test(t),
  time: (t) => /^\d{1,2}:\d{2}$/.test(t),
  day: (t) => /^\d{1,2}$/.test(t) || t.toLowerCase() === 'last',
  zone: (t) => t.includes('/') || t.toUpperCase() === 'UTC',
};

function recognises(option: OptionSpec, token: string, context: CommandContext): boolean {
  const shaped = SHAPED[option.name];
  if (shaped !== undefined) return shaped(token);
  if (option.name === 'rivalry') return context.catalog.findRivalry(token) !== undefined;
  return vocabulary(option.name, context).includes(token.toLowerCase());
}

/** Strips control characters and the invisible formatting characters chat clients sometimes insert. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g, ' ');
}

/**
 * Reads the Slack-style text form: "[/rivalry] <command> [args]". Case and spacing don't matter;
 * positional words are matched to the option that knows them, so their order is free.
 */
export function parseCommandText(text: string, context: CommandContext): ParseResult {
  if (text.length > MAX_COMMAND_CHARS) {
    return { ok: false, message: errorMessage('Command too long', `That is ${text.length} characters; commands are at most ${MAX_COMMAND_CHARS}.`, ['Try: /rivalry help']) };
  }
  const tokens = clean(text).trim().split(/\s+/).filter((t) => t.length > 0);
  if (/^\/?rivalry$/i.test(tokens[0] ?? '')) tokens.shift();
  const first = tokens.shift()?.toLowerCase().replace(/^\//, '');
  const names = context.commands.map((c) => c.name);
  const command = context.commands.find((c) => c.name === (first ?? 'help'));
  if (command === undefined) {
    const [best] = suggest(first ?? '', names, 1);
    return {
      ok: false,
      message: errorMessage(`Unknown command "${first ?? ''}"`, `${best === undefined ? 'There is no such command.' : `Did you mean "${best}"?`} Commands: ${names.join(', ')}.`, ['Try: /rivalry help']),
    };
  }

  const raw: RawArgs = {};
  const positional = command.options.filter((o) => o.keyword === undefined || SHAPED[o.name] !== undefined);
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    const keyworded = command.options.find((o) => o.keyword !== undefined && o.keyword === token.toLowerCase());
    if (keyworded !== undefined && tokens[i + 1] !== undefined && raw[keyworded.name] === undefined) {
      raw[keyworded.name] = tokens[i + 1] as string;
      i += 1;
      continue;
    }
    const open = positional.filter((o) => raw[o.name] === undefined || o.collect === 'words');
    const collector = open.find((o) => o.collect !== undefined);
    const recognised = open.find((o) => o.collect === undefined && recognises(o, token, context));
    // The rest of the line is the name only once the options it follows are given ("rename <rivalry> <TICKER> <name>").
    const waiting = open.some((o) => o.collect === undefined && o.required && raw[o.name] === undefined);
    if (recognised === undefined && collector?.collect === 'rest' && !waiting) {
      raw[collector.name] = tokens.slice(i).join(' ');
      break;
    }
    if (recognised === undefined && collector?.collect === 'words') {
      raw[collector.name] = raw[collector.name] === undefined ? token : `${String(raw[collector.name])} ${token}`;
      continue;
    }
    const match = recognised ?? closestOption(open.filter((o) => o.collect === undefined), token, context);
    if (match === undefined) {
      return {
        ok: false,
        message: errorMessage(`Unexpected "${token}"`, `"${command.name}" takes: ${command.usage}.`, [`Example: /rivalry ${command.examples[0] ?? command.name}`]),
      };
    }
    raw[match.name] = match.type === 'boolean' ? true : token;
  }
  return { ok: true, command, raw };
}

/** For a word no option knows: the open option whose words it is closest to, so the error can suggest one. */
function closestOption(open: OptionSpec[], token: string, context: CommandContext): OptionSpec | undefined {
  // "nvda-vs-amd" is a rivalry's name even where this workspace has no such rivalry.
  const rivalry = open.find((o) => o.name === 'rivalry');
  if (rivalry !== undefined && /.-vs?-./i.test(token)) return rivalry;
  let best: { option: OptionSpec; distance: number } | undefined;
  for (const option of open) {
    if (option.name === 'since' || option.name === 'time') continue;
    for (const word of vocabulary(option.name, context)) {
      const distance = editDistance(token.slice(0, 64), word) - (word.includes(token.toLowerCase()) ? 1 : 0);
      if (best === undefined || distance < best.distance) best = { option, distance };
    }
  }
  return best?.option ?? open.find((o) => o.name !== 'since' && o.name !== 'time');
}
