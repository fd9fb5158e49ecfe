import { describe, expect, it } from 'vitest';
import { RivalryCatalog } from '../../../src/core/data/catalog.js';
import type { Origin } from '../../../src/core/inbound.js';
import { parseCommandText } from '../../../src/core/parser/parse-command-text.js';
import { runCommandText } from '../../../src/core/run-command.js';
import { displayName } from '../../../src/core/sec/display-name.js';
import type { TrackingService, TrackRequest } from '../../../src/core/tracking/tracking-service.js';
import { COMMANDS } from '../../../src/core/commands/index.js';
import { bundledRivalry } from '../../helpers/bundled.js';
import { syntheticRivalry } from '../../helpers/synthetic.js';

const synthetic = syntheticRivalry([{ id: 'nvda', name: 'Nvidia', values: [10, 30, 60] }, { id: 'amd', name: 'AMD', values: [15, 20, 25] }], 'nvda-vs-amd');
const chips = { ...synthetic, companies: synthetic.companies.map((c) => ({ ...c, ticker: c.id.toUpperCase() })) };
const catalog = new RivalryCatalog([bundledRivalry()], [{ workspace: 'slack:T1', rivalry: chips }]);
const origin = (workspaceId: string, manager = true): Origin => ({ platform: 'slack', workspaceId, channelId: 'C1', userId: 'U1', requestId: 'r', canManageChannel: async () => manager });

/** A tracking service that records what it was asked and answers as told. */
function fakeTracking(answer: Awaited<ReturnType<TrackingService['track']>>): TrackingService & { requests: TrackRequest[] } {
  const requests: TrackRequest[] = [];
  return {
    requests,
    track: async (r) => (requests.push(r), answer),
    untrack: async (_w, rivalry) => ({ kind: 'removed', rivalry, subscriptionsStopped: 2 }),
    rename: async (_w, rivalry) => ({ kind: 'renamed', rivalry, from: 'Nvidia' }),
  };
}
const contextFor = (workspaceId: string, tracking?: TrackingService, manager = true) => ({
  catalog: catalog.forWorkspace(`slack:${workspaceId}`),
  commands: COMMANDS,
  origin: origin(workspaceId, manager),
  ...(tracking === undefined ? {} : { tracking }),
});

describe('the catalog as each workspace sees it', () => {
  it('shows shipped rivalries everywhere and tracked ones only in their workspace', () => {
    expect(catalog.forWorkspace('slack:T1').slugs).toEqual(['amazon-vs-walmart', 'nvda-vs-amd']);
    expect(catalog.forWorkspace('slack:T2').slugs).toEqual(['amazon-vs-walmart']);
    expect(catalog.forWorkspace('discord:T1').findRivalry('nvda-vs-amd')).toBeUndefined();
    expect(catalog.forWorkspace('slack:T1').findRivalry('amd-vs-nvda')).toBe(chips);
    expect(catalog.forWorkspace('slack:T1').isTracked(chips)).toBe(true);
    expect(catalog.forWorkspace('slack:T1').onlyRivalry).toBeUndefined();
    expect(catalog.slugs).toEqual(['amazon-vs-walmart']);
    expect(catalog.entries().map((e) => `${e.workspace ?? '*'}/${e.rivalry.slug}`)).toEqual(['*/amazon-vs-walmart', 'slack:T1/nvda-vs-amd']);
    expect(catalog.forWorkspace('slack:T1')).toBe(catalog.forWorkspace('slack:T1'));
  });
});

describe('track, untrack and rename', () => {
  it('reads tickers in any spelling, with the slug after "as"', () => {
    const parse = (text: string) => {
      const r = parseCommandText(text, contextFor('T1'));
      return r.ok ? r.raw : r.message.summary;
    };
    expect(parse('track NVDA vs AMD')).toEqual({ companies: 'NVDA vs AMD' });
    expect(parse('track nvda, amd and intc as chip-makers')).toEqual({ companies: 'nvda, amd and intc', slug: 'chip-makers' });
    expect(parse('rename nvda-vs-amd NVDA NVIDIA Corporation')).toEqual({ rivalry: 'nvda-vs-amd', company: 'NVDA', name: 'NVIDIA Corporation' });
    expect(parse('rename nvda-vs-amd AMD AMD')).toEqual({ rivalry: 'nvda-vs-amd', company: 'AMD', name: 'AMD' });
  });

  it('asks the service for the tickers and the default slug, and answers with the comparison', async () => {
    const tracking = fakeTracking({ kind: 'created', rivalry: chips });
    const reply = await runCommandText('track nvda vs AMD vs brk.b', contextFor('T1', tracking));
    expect(tracking.requests).toEqual([{ workspace: 'slack:T1', tickers: ['NVDA', 'AMD', 'BRK-B'], slug: 'nvda-vs-amd-vs-brk-b', by: 'U1' }]);
    expect(reply.severity).toBe('info');
    expect(reply.visibility).toBe('public');
    expect(reply.summary).toMatch(/^Now tracking Nvidia vs AMD in this workspace as "nvda-vs-amd"\. Nvidia leads on annual revenue/);
  });

  it('refuses bad input precisely before asking anyone', async () => {
    const tracking = fakeTracking({ kind: 'created', rivalry: chips });
    expect((await runCommandText('track NVDA', contextFor('T1', tracking))).summary).toContain('at least two different companies');
    expect((await runCommandText('track NVDA vs NVDA', contextFor('T1', tracking))).summary).toContain('at least two different companies');
    expect((await runCommandText('track NVDA vs $$$', contextFor('T1', tracking))).summary).toContain('"$$$" is not a ticker');
    expect((await runCommandText('track A vs B vs C vs D vs E vs F vs G', contextFor('T1', tracking))).summary).toContain('At most 6 companies');
    expect((await runCommandText('track NVDA vs AMD as Bad_Name', contextFor('T1', tracking))).title).toBe('Invalid name "Bad_Name"');
    expect((await runCommandText('track', contextFor('T1', tracking))).title).toBe('Missing companies');
    expect((await runCommandText('track NVDA vs AMD', contextFor('T1', tracking, false))).title).toBe('Not allowed');
    expect((await runCommandText('track NVDA vs AMD', contextFor('T1'))).title).toBe('Tracking is not available here');
    expect(tracking.requests).toEqual([]);
  });

  it('turns every outcome into a clear private message', async () => {
    const cases: Array<[Awaited<ReturnType<TrackingService['track']>>, string]> = [
      [{ kind: 'unknown-tickers', unknown: [{ ticker: 'NVDAA', suggestions: ['NVDA'] }] }, 'SEC lists no company with ticker "NVDAA". Did you mean "NVDA"? Nothing was created.'],
      [{ kind: 'slug-taken', slug: 'x' }, 'A rivalry called "x" exists already'],
      [{ kind: 'limit', limit: 25 }, 'This workspace tracks 25 rivalries, the most this bot allows'],
      [{ kind: 'sec-unavailable', detail: 'SEC could not be reached.' }, 'SEC could not be reached. Nothing was created; try again in a few minutes.'],
      [{ kind: 'no-figures', company: 'Shell Co', detail: 'No revenue in XBRL.' }, 'No revenue in XBRL. Nothing was created.'],
      [{ kind: 'disabled', reason: 'RIVALRY_TRACK=off' }, 'RIVALRY_TRACK=off'],
    ];
    for (const [outcome, text] of cases) {
      const reply = await runCommandText('track NVDA vs AMD', contextFor('T1', fakeTracking(outcome)));
      expect(reply.severity).toBe('error');
      expect(reply.visibility).toBe('private');
      expect(reply.summary).toContain(text);
    }
  });

  it('untracks and renames only what this workspace tracked', async () => {
    const tracking = fakeTracking({ kind: 'created', rivalry: chips });
    expect((await runCommandText('untrack nvda-vs-amd', contextFor('T1', tracking))).summary).toContain('2 subscriptions stopped');
    expect((await runCommandText('untrack amazon-vs-walmart', contextFor('T1', tracking))).title).toBe('amazon-vs-walmart ships with the bot');
    expect((await runCommandText('untrack nvda-vs-amd', contextFor('T2', tracking))).title).toBe('Unknown rivalry "nvda-vs-amd"');
    expect((await runCommandText('untrack', contextFor('T1', tracking))).title).toBe('Which rivalry?');
    // Never "the only rivalry" by default: removing needs a name.
    expect((await runCommandText('untrack', contextFor('T2', tracking))).title).toBe('Missing rivalry');
    expect((await runCommandText('rename nvda-vs-amd NVDA NVIDIA', contextFor('T1', tracking))).summary).toBe('NVDA is now shown as "NVIDIA" (was "Nvidia") in nvda-vs-amd.');
    expect((await runCommandText('rename nvda-vs-amd INTC Intel', contextFor('T1', tracking))).title).toBe('Unknown company "INTC"');
  });

  it('lists both kinds, marked', async () => {
    const reply = await runCommandText('list', contextFor('T1'));
    expect(reply.fields.map((f) => f.label)).toEqual(['amazon-vs-walmart · shipped with the bot', 'nvda-vs-amd · tracked here']);
    expect(reply.summary).toBe('2 rivalries: 1 shipped with the bot, 1 tracked in this workspace.');
  });
});

describe('display names from SEC titles', () => {
  it.each([
    ['AMAZON COM INC', 'Amazon.com'],
    ['COSTCO WHOLESALE CORP /NEW', 'Costco Wholesale'],
    ['Walmart Inc.', 'Walmart'],
    ['HOME DEPOT, INC.', 'Home Depot'],
    ['NVIDIA CORP', 'Nvidia'],
    ['AT&T INC.', 'AT&T'],
    ['3M CO', '3M'],
    ['TJX COMPANIES INC /DE/', 'TJX Companies'],
    ['JPMORGAN CHASE & CO', 'Jpmorgan Chase'],
    ['Best Buy Co., Inc.', 'Best Buy'],
    ['eBay Inc.', 'eBay'],
  ])('%s → %s', (title, name) => {
    expect(displayName(title)).toBe(name);
  });
});
