import { z } from 'zod';
import { defaultMetric, findCompany, findMetric } from '../data/catalog.js';
import { errorMessage, type Message } from '../message/message.js';
import { MILESTONE_KINDS, type MilestoneKind } from '../milestones/milestone.js';
import { didYouMean } from '../parser/did-you-mean.js';
import { metricsOf } from '../metrics/served-metrics.js';
import type { CommandArgs, CommandContext, CommandSpec, OptionName, RawArgs } from './command.js';
import type { Metric } from '../data/schema.js';
import { BASIS_WORDS, KIND_CHOICES } from './options.js';
import { canonicalZone, knownZones, WEEKDAYS } from '../subscriptions/schedule.js';

const flag = z.union([z.boolean(), z.enum(['true', 'false', 'yes', 'no'])]);
const isSet = (v: z.infer<typeof flag> | undefined) => v === true || v === 'true' || v === 'yes';

const name = z.string().trim().min(1, 'must not be empty').max(100, 'is too long (100 characters at most)');

/** The boundary check for option values, whichever platform they came from. */
const rawArgsSchema = z
  .object({
    rivalry: name.optional(),
    metric: name.optional(),
    company: name.optional(),
    command: name.optional(),
    basis: name.optional(),
    kind: name.optional(),
    since: z.coerce
      .number({ error: 'must be a year such as 2015' })
      .int('must be a whole year such as 2015')
      .min(1900, 'must be a year from 1900 to 2100')
      .max(2100, 'must be a year from 1900 to 2100')
      .optional(),
    frequency: name.optional(),
    weekday: name.optional(),
    day: z.union([z.number(), name]).optional(),
    time: name.optional(),
    zone: name.optional(),
    'alerts-only': flag.optional(),
    'with-chart': flag.optional(),
    companies: z.string().trim().min(1, 'must name the companies').max(200, 'is too long (200 characters at most)').optional(),
    slug: name.optional(),
    name: z.string().trim().min(1, 'must not be empty').max(80, 'is too long (80 characters at most)').optional(),
    metrics: z.string().trim().min(1, 'must name a metric').max(300, 'is too long (300 characters at most)').optional(),
    channel: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a channel id').optional(),
  })
  .strict();

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TICKER = /^[A-Z][A-Z0-9-]{0,9}$/;
/** Words between tickers people type: "NVDA vs AMD", "NVDA, AMD and INTC". */
const JOINERS = new Set(['VS', 'VS.', 'V', 'V.', 'VERSUS', 'AND', '&']);
export const MAX_TRACKED_COMPANIES = 6;

/** "nvda vs AMD, intc" → ["NVDA", "AMD", "INTC"], or what is wrong with it. Share classes: "BRK.B" → "BRK-B" (SEC's spelling). */
function parseTickers(text: string): string[] | string {
  const words = text.split(/[\s,;]+/).map((w) => w.toUpperCase()).filter((w) => w !== '' && !JOINERS.has(w));
  const bad = words.filter((w) => !TICKER.test(w.replace(/\./g, '-')));
  if (bad.length > 0) return `${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is not' : 'are not'} a ticker. Tickers look like NVDA, AMD or BRK-B: "track NVDA vs AMD".`;
  const tickers = [...new Set(words.map((w) => w.replace(/\./g, '-')))];
  if (tickers.length < 2) return `A rivalry needs at least two different companies: "track NVDA vs AMD".`;
  if (tickers.length > MAX_TRACKED_COMPANIES) return `At most ${MAX_TRACKED_COMPANIES} companies per rivalry; you named ${tickers.length}.`;
  return tickers;
}

/** On failure, `option` names the option that was wrong (forms show the message beside that field). */
export type ResolveResult = { ok: true; args: CommandArgs } | { ok: false; message: Message; option?: OptionName };

const fail = (spec: CommandSpec, title: string, detail: string, option?: OptionName): ResolveResult => ({
  ok: false,
  ...(option === undefined ? {} : { option }),
  message: errorMessage(title, detail, [`Usage: /rivalry ${spec.usage}`, `Example: /rivalry ${spec.examples[0] ?? spec.name}`]),
});

/** Kind words people type: "records", "lead-changes", "thresholds". */
function normalizeKind(word: string): MilestoneKind | 'all' | undefined {
  const w = word.toLowerCase();
  const singular = w.endsWith('s') ? w.slice(0, -1) : w;
  return (KIND_CHOICES as readonly string[]).find((k) => k === w || k === singular) as MilestoneKind | 'all' | undefined;
}

/**
 * Validates raw option values and resolves names to data, with a did-you-mean where one helps.
 * Fills the defaults: the only rivalry when there is just one, revenue, annual.
 */
export function resolveArgs(spec: CommandSpec, raw: RawArgs, context: CommandContext): ResolveResult {
  const accepted = new Set(spec.options.map((o) => o.name));
  const extra = Object.keys(raw).filter((k) => !accepted.has(k as never));
  if (extra.length > 0) return fail(spec, `"${spec.name}" has no option ${extra.map((e) => `"${e}"`).join(', ')}`, `It accepts: ${spec.usage}`);

  const parsed = rawArgsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = String(issue?.path[0] ?? 'option');
    return fail(spec, `Invalid ${option}`, `${option} ${issue?.message ?? 'is not valid'}.`, option as OptionName);
  }
  const values = parsed.data;
  const { catalog } = context;
  const args: CommandArgs = { basis: 'annual' };

  if (accepted.has('rivalry')) {
    if (values.rivalry !== undefined) {
      const rivalry = catalog.findRivalry(values.rivalry);
      if (rivalry === undefined) {
        return fail(spec, `Unknown rivalry "${values.rivalry}"`, `No rivalry is called that.${didYouMean(values.rivalry, catalog.slugs)} Available: ${catalog.slugs.join(', ') || 'none'}.`, 'rivalry');
      }
      args.rivalry = rivalry;
    } else if (catalog.onlyRivalry !== undefined) {
      args.rivalry = catalog.onlyRivalry;
    } else {
      return fail(spec, 'Which rivalry?', `Name one of: ${catalog.slugs.join(', ') || 'none (add a file to the rivalry directory)'}.`, 'rivalry');
    }
  }
  const rivalry = args.rivalry;

  if (accepted.has('metric') && rivalry !== undefined) {
    if (values.metric !== undefined) {
      const metric = findMetric(rivalry, values.metric);
      const ids = metricsOf(rivalry).map((m) => m.id);
      if (metric === undefined) return fail(spec, `Unknown metric "${values.metric}"`, `${rivalry.title} tracks: ${ids.join(', ')}.${didYouMean(values.metric, ids)}`, 'metric');
      args.metric = metric;
    } else {
      args.metric = defaultMetric(rivalry);
    }
  }

  if (values.metrics !== undefined && rivalry !== undefined) {
    const ids = metricsOf(rivalry).map((m) => m.id);
    const chosen: Metric[] = [];
    for (const word of values.metrics.split(/[\s,]+/).filter((w) => w !== '')) {
      const metric = findMetric(rivalry, word);
      if (metric === undefined) return fail(spec, `Unknown metric "${word}"`, `${rivalry.title} tracks: ${ids.join(', ')}.${didYouMean(word, ids)}`, 'metrics');
      if (!chosen.includes(metric)) chosen.push(metric);
    }
    args.metrics = chosen;
  }

  if (values.basis !== undefined) {
    const basis = BASIS_WORDS[values.basis.toLowerCase()];
    if (basis === undefined) return fail(spec, `Unknown period "${values.basis}"`, `Use annual, quarterly or ttm (trailing twelve months).${didYouMean(values.basis, ['annual', 'quarterly', 'ttm'])}`, 'basis');
    args.basis = basis;
  }

  if (values.company !== undefined && rivalry !== undefined) {
    const company = findCompany(rivalry, values.company);
    const names = rivalry.companies.map((c) => c.id);
    if (company === undefined) return fail(spec, `Unknown company "${values.company}"`, `${rivalry.title} has: ${names.join(', ')}.${didYouMean(values.company, names)}`, 'company');
    args.company = company;
  }

  if (values.kind !== undefined) {
    const kind = normalizeKind(values.kind);
    if (kind === undefined) return fail(spec, `Unknown milestone kind "${values.kind}"`, `Use one of: ${KIND_CHOICES.join(', ')}.${didYouMean(values.kind, [...MILESTONE_KINDS, 'all'])}`, 'kind');
    args.kind = kind;
  }

  if (values.command !== undefined) {
    const names = context.commands.map((c) => c.name);
    const command = values.command.toLowerCase().replace(/^\//, '');
    if (!names.includes(command)) return fail(spec, `Unknown command "${values.command}"`, `Commands: ${names.join(', ')}.${didYouMean(command, names)}`, 'command');
    args.command = command;
  }

  if (values.since !== undefined) args.since = values.since;

  if (values.frequency !== undefined) {
    const frequency = values.frequency.toLowerCase();
    if (frequency !== 'daily' && frequency !== 'weekly' && frequency !== 'monthly') {
      return fail(spec, `Unknown frequency "${values.frequency}"`, `Use daily, weekly <weekday> or monthly <day>.${didYouMean(frequency, ['daily', 'weekly', 'monthly'])}`, 'frequency');
    }
    args.frequency = frequency;
  }
  if (values.weekday !== undefined) {
    const w = values.weekday.toLowerCase();
    const weekday = WEEKDAYS.find((d) => d === w || d.slice(0, 3) === w);
    if (weekday === undefined) return fail(spec, `Unknown weekday "${values.weekday}"`, `Use a day name: ${WEEKDAYS.join(', ')}.${didYouMean(w, [...WEEKDAYS])}`, 'weekday');
    args.weekday = weekday;
  }
  if (values.day !== undefined) {
    const d = String(values.day).toLowerCase();
    if (d === 'last') args.day = 'last';
    else if (/^\d{1,2}$/.test(d) && Number(d) >= 1 && Number(d) <= 28) args.day = Number(d);
    else return fail(spec, `Invalid day "${values.day}"`, 'Monthly digests take a day from 1 to 28, or "last" (29–31 do not exist in every month).', 'day');
  }
  if (values.time !== undefined) {
    const match = /^(\d{1,2}):(\d{2})$/.exec(values.time);
    if (match === null || Number(match[1]) > 23 || Number(match[2]) > 59) {
      return fail(spec, `Invalid time "${values.time}"`, 'Use 24-hour HH:MM, e.g. "at 09:00" or "at 17:30".', 'time');
    }
    args.time = `${match[1]?.padStart(2, '0')}:${match[2]}`;
  }
  if (values.zone !== undefined) {
    const zone = canonicalZone(values.zone);
    if (zone === undefined) {
      return fail(spec, `Unknown time zone "${values.zone}"`, `Use an IANA zone such as Europe/Berlin, America/New_York or UTC.${didYouMean(values.zone, knownZones())}`, 'zone');
    }
    args.zone = zone;
  }
  if (values.companies !== undefined) {
    const tickers = parseTickers(values.companies);
    if (typeof tickers === 'string') return fail(spec, 'Which companies?', tickers, 'companies');
    args.tickers = tickers;
  }
  if (values.slug !== undefined) {
    const slug = values.slug.toLowerCase();
    if (!SLUG.test(slug) || slug.length > 64) return fail(spec, `Invalid name "${values.slug}"`, 'A rivalry name is lowercase letters, digits and single hyphens, at most 64 characters, e.g. "chip-rivals".', 'slug');
    args.slug = slug;
  }
  if (values.channel !== undefined) args.channel = values.channel;
  if (values.name !== undefined) args.name = values.name.replace(/\s+/g, ' ');
  const missing = spec.options.find((o) => o.required && raw[o.name] === undefined);
  if (missing !== undefined) return fail(spec, `Missing ${missing.name}`, `${missing.description}.`, missing.name);
  if (values['alerts-only'] !== undefined) args.alertsOnly = isSet(values['alerts-only']);
  if (values['with-chart'] !== undefined) args.withChart = isSet(values['with-chart']);
  return { ok: true, args };
}
