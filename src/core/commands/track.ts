import { defaultMetric } from '../data/catalog.js';
import type { Basis, Rivalry } from '../data/schema.js';
import { createMessage, errorMessage, type Message } from '../message/message.js';
import { defaultTrackSlug, type TrackOutcome } from '../tracking/tracking-service.js';
import type { CommandContext, CommandSpec } from './command.js';
import { compareCommand } from './compare.js';
import { companiesOption, slugOption } from './options.js';
import { trackingContext } from './tracking-helpers.js';
import { recordChange } from '../audit/record-change.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Companies whose fiscal years end months apart have no comparable year, but often comparable quarters. */
const BASES: readonly Basis[] = ['annual', 'quarter', 'ttm'];

/** The new (or existing) rivalry's comparison on the first basis that has one, introduced by what happened. */
async function comparisonWith(rivalry: Rivalry, headline: string, notes: string[], context: CommandContext): Promise<Message> {
  let comparison: Message | undefined;
  for (const basis of BASES) {
    comparison = await compareCommand.run({ rivalry, metric: defaultMetric(rivalry), basis }, context);
    if (comparison.severity !== 'error') break;
  }
  if (comparison === undefined) return errorMessage('Nothing to compare', rivalry.title);
  const next = [`Subscribe this channel: /rivalry subscribe ${rivalry.slug}`, `Fix a company name: /rivalry rename ${rivalry.slug} <TICKER> <name>`];
  if (comparison.severity === 'error') {
    const summary = `${headline} There is no year, quarter or trailing twelve months yet in which every company reported ${defaultMetric(rivalry).name.toLowerCase()}, so nothing can be compared yet.`;
    return createMessage({ title: rivalry.title, summary, context: [...notes, `See the figures: /rivalry history ${rivalry.slug} quarterly`, ...next], fallbackText: summary });
  }
  return { ...comparison, summary: `${headline} ${comparison.summary ?? ''}`.trim(), context: [...notes, ...comparison.context, ...next], fallbackText: `${headline} ${comparison.fallbackText}` };
}

function outcomeMessage(outcome: TrackOutcome, slug: string, tickers: readonly string[], context: CommandContext): Message | Promise<Message> {
  const pair = tickers.join(' vs ');
  switch (outcome.kind) {
    case 'created':
      return comparisonWith(outcome.rivalry, `Now tracking ${outcome.rivalry.title} in this workspace as "${outcome.rivalry.slug}".`, ['Figures: SEC XBRL company facts (10-K, 10-Q), kept up to date by the bot.'], context);
    case 'exists':
      return comparisonWith(
        outcome.rivalry,
        outcome.scope === 'everywhere' ? `${pair} ships with the bot as "${outcome.rivalry.slug}": nothing new was created.` : `${pair} is already tracked here as "${outcome.rivalry.slug}": nothing new was created.`,
        [],
        context,
      );
    case 'unknown-tickers':
      return errorMessage(
        `Unknown ticker${outcome.unknown.length === 1 ? '' : 's'}`,
        `${outcome.unknown.map((u) => `SEC lists no company with ticker "${u.ticker}".${u.suggestions.length === 0 ? '' : ` Did you mean ${u.suggestions.map((s) => `"${s}"`).join(' or ')}?`}`).join(' ')} Nothing was created.`,
        ['Tickers as listed by SEC, e.g. "track NVDA vs AMD".'],
      );
    case 'no-figures':
      return errorMessage(`No revenue figures for ${outcome.company}`, `${outcome.detail} Nothing was created.`, ['Only companies that file 10-K/10-Q reports with SEC in XBRL can be tracked.']);
    case 'slug-taken':
      return errorMessage(`"${outcome.slug}" is taken`, `A rivalry called "${outcome.slug}" exists already (here, or shipped with the bot). Nothing was created.`, [`Choose another name: /rivalry track ${pair} as <name>`]);
    case 'limit':
      return errorMessage('Tracking limit reached', `This workspace tracks ${outcome.limit} rivalries, the most this bot allows. Nothing was created.`, ['Remove one first: /rivalry untrack <rivalry>']);
    case 'sec-unavailable':
      return errorMessage('SEC EDGAR is not answering', `${outcome.detail} Nothing was created; try again in a few minutes.`);
    case 'disabled':
      return errorMessage('Tracking is turned off', outcome.reason);
  }
  return errorMessage('Not tracked', `Nothing was created for "${slug}".`);
}

export const trackCommand: CommandSpec = {
  name: 'track',
  description: 'Track a new rivalry in this workspace from SEC filings',
  usage: 'track <TICKER> vs <TICKER> [vs <TICKER>…] [as <name>]',
  examples: ['track NVDA vs AMD', 'track COST vs TGT as warehouse-wars', 'track HD vs LOW'],
  options: [companiesOption, slugOption],
  permission: 'manage-channel',
  async run(args, context) {
    const where = trackingContext(context);
    if (!where.ok) return where.message;
    const tickers = args.tickers ?? [];
    const slug = args.slug ?? defaultTrackSlug(tickers);
    if (!SLUG.test(slug) || slug.length > 64) return errorMessage('Choose a name', `"${slug}" cannot name a rivalry (lowercase letters, digits, hyphens; at most 64 characters).`, [`Try: /rivalry track ${tickers.join(' vs ')} as <name>`]);
    const outcome = await where.service.track({ workspace: where.workspace, tickers, slug, by: where.origin.userId ?? 'unknown' });
    if (outcome.kind === 'created') await recordChange(context, { action: 'track', target: outcome.rivalry.slug, detail: outcome.rivalry.companies.map((c) => c.ticker).join(' vs ') });
    return outcomeMessage(outcome, slug, tickers, context);
  },
};
