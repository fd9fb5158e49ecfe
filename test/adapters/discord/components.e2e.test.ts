import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/command-handler.js';
import { loadConfig } from '../../../src/app/config.js';
import { startPlatforms, type Running } from '../../../src/app/serve.js';
import type { CommandContext } from '../../../src/core/commands/command.js';
import { rivalrySchema } from '../../../src/core/data/schema.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { bundledJson, bundledRivalry, contextFor } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import {
  APPLICATION_ID,
  GUILD_ID,
  FakeDiscord,
  componentPayload,
  componentsOf,
  interactionPayload,
  modalSubmitPayload,
  signedInteractionHeaders,
  testKeyPair,
  type SeenComponent,
} from '../../fakes/fake-discord.js';

const keys = testKeyPair();
const MANAGER = ((1n << 4n) | (1n << 11n)).toString(); // Manage Channels + Send Messages
const MEMBER = (1n << 11n).toString();

interface Answer {
  type: number;
  data: {
    flags?: number;
    custom_id?: string;
    title?: string;
    components?: Array<Record<string, unknown>>;
    embeds?: Array<{ title: string; description?: string; fields?: Array<{ name: string; value: string }> }>;
  };
}

/** Clicks, menus and the subscribe modal over signed HTTP interactions, through the app's real router and a real store. */
describe('Discord components and modals (HTTP interactions)', () => {
  const discord = new FakeDiscord();
  const store = new SqliteStore(':memory:');
  const log = memoryLogger();
  // A second copy of the bundled rivalry that can be deleted between a reply and a click on it.
  const doomed = rivalrySchema.parse({ ...bundledJson(), slug: 'amazon-vs-walmart-old' });
  let context: CommandContext = { ...contextFor([bundledRivalry(), doomed]), subscriptions: store };
  let running: Running;
  let url: string;

  beforeAll(async () => {
    const base = await discord.start();
    const config = loadConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: `${base}/api`, PORT: '0', HOST: '127.0.0.1' });
    running = await startPlatforms(config, createHandlers(() => context, log.logger, { tokens: store.tokens }), log.logger);
    url = `http://127.0.0.1:${running.port}/discord/interactions`;
  });
  afterAll(async () => {
    await running.stop();
    await discord.stop();
  });

  const post = async (payload: unknown, privateKey = keys.privateKey): Promise<{ status: number; answer: Answer }> => {
    const body = JSON.stringify(payload);
    const res = await fetch(url, { method: 'POST', body, headers: signedInteractionHeaders(body, privateKey) });
    return { status: res.status, answer: res.status === 200 ? ((await res.json()) as Answer) : { type: 0, data: {} } };
  };
  const compare = async (rivalry = 'amazon-vs-walmart') => (await post(interactionPayload('compare', { rivalry }))).answer;
  const byLabel = (answer: Answer, label: string): SeenComponent => {
    const found = componentsOf(answer.data).find((c) => c.label === label);
    if (found === undefined) throw new Error(`no "${label}" in ${JSON.stringify(answer.data.components)}`);
    return found;
  };
  const modalValues = (overrides: Record<string, string> = {}) => ({ rivalry: 'amazon-vs-walmart', schedule: 'weekly friday', time: '07:30', zone: 'Europe/Berlin', metrics: 'capex, net-margin', ...overrides });

  it('a comparison carries its next steps as buttons within Discord\'s limits', async () => {
    const answer = await compare();
    const rows = answer.data.components as Array<{ type: number; components: SeenComponent[] }>;
    expect(rows.map((r) => r.components.map((c) => c.label))).toEqual([
      ['Chart', 'History', 'Milestones', 'Quarterly', 'TTM'],
      ['Scoreboard', 'Subscribe this channel'],
    ]);
    for (const row of rows) expect(row.type).toBe(1);
    const ids = componentsOf(answer.data).map((c) => c.custom_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
    expect(byLabel(answer, 'Quarterly').custom_id).toBe('uc|compare|r=amazon-vs-walmart|m=revenue|b=quarterly');
    expect(byLabel(answer, 'Subscribe this channel').custom_id).toBe('form:nf|subscribe|r=amazon-vs-walmart');
    expect(componentsOf(answer.data).every((c) => c.style === 2)).toBe(true);
  });

  it('"Quarterly" replaces the comparison in place (type 7) with the quarterly one and its own buttons', async () => {
    const quarterly = byLabel(await compare(), 'Quarterly');
    const { answer } = await post(componentPayload(quarterly.custom_id));
    expect(answer.type).toBe(7);
    expect(answer.data.flags).toBeUndefined();
    expect(answer.data.embeds?.[0]?.title).toBe('Amazon vs Walmart: quarterly revenue');
    expect(componentsOf(answer.data).map((c) => c.label)).toEqual(['Chart', 'History', 'Milestones', 'Annual', 'TTM', 'Scoreboard', 'Subscribe this channel']);
  });

  it('"Scoreboard" answers with a new public message (type 4)', async () => {
    const { answer } = await post(componentPayload(byLabel(await compare(), 'Scoreboard').custom_id));
    expect(answer.type).toBe(4);
    expect(answer.data.flags).toBeUndefined();
    expect(JSON.stringify(answer.data.embeds)).toContain('Operating margin');
  });

  it('a choice in the list\'s menu opens that comparison (the value is the payload)', async () => {
    const list = (await post(interactionPayload('list'))).answer;
    const [menu] = componentsOf(list.data);
    expect(menu).toMatchObject({ type: 3, custom_id: 'menu:compare', placeholder: 'Compare a rivalry…' });
    const choice = menu?.options?.find((o) => o.value.includes('r=amazon-vs-walmart|') || o.value.endsWith('r=amazon-vs-walmart'));
    const { answer } = await post(componentPayload(menu?.custom_id ?? '', { values: [choice?.value ?? ''] }));
    expect(answer.type).toBe(4);
    expect(answer.data.embeds?.[0]?.title).toBe('Amazon vs Walmart: annual revenue');
  });

  it('"Subscribe this channel" opens the modal (type 9) for a member with Manage Channels', async () => {
    const button = byLabel(await compare(), 'Subscribe this channel');
    const { answer } = await post(componentPayload(button.custom_id, { permissions: MANAGER }));
    expect(answer.type).toBe(9);
    expect(answer.data.custom_id).toBe('modal:subscribe');
    expect(answer.data.title).toBe('Subscribe this channel');
    const inputs = (answer.data.components as Array<{ type: number; label: string; component: { custom_id: string; value?: string; required: boolean } }>);
    expect(inputs.length).toBeLessThanOrEqual(5);
    expect(inputs.map((i) => [i.type, i.component.custom_id, i.component.value])).toEqual([
      [18, 'rivalry', 'amazon-vs-walmart'],
      [18, 'schedule', 'weekly monday'],
      [18, 'time', '09:00'],
      [18, 'zone', 'UTC'],
      [18, 'metrics', undefined],
    ]);
    for (const i of inputs) expect(i.label.length).toBeLessThanOrEqual(45);
  });

  it('refuses the form to a member without Manage Channels, privately, before anything is filled in', async () => {
    const button = byLabel(await compare(), 'Subscribe this channel');
    const { answer } = await post(componentPayload(button.custom_id, { permissions: MEMBER }));
    expect(answer.type).toBe(4);
    expect(answer.data.flags).toBe(64);
    expect(answer.data.embeds?.[0]?.title).toBe('Not allowed');
  });

  it('a submission with a bad time answers privately, naming the time problem, and creates nothing', async () => {
    const { answer } = await post(modalSubmitPayload('modal:subscribe', modalValues({ time: '25:00' }), { permissions: MANAGER }));
    expect(answer.type).toBe(4);
    expect(answer.data.flags).toBe(64);
    const [embed] = answer.data.embeds ?? [];
    expect(embed?.title).toBe('Not subscribed yet');
    expect(embed?.fields?.map((f) => f.name)).toEqual(['Time (24-hour HH:MM)']);
    expect(embed?.fields?.[0]?.value).toContain('Use 24-hour HH:MM');
    expect(await store.listForWorkspace('discord', GUILD_ID)).toEqual([]);

    // Its button opens the form again, still holding what was typed.
    const [reopen] = componentsOf(answer.data);
    expect(reopen?.label).toBe('Open the form again');
    const again = (await post(componentPayload(reopen?.custom_id ?? '', { permissions: MANAGER }))).answer;
    expect(again.type).toBe(9);
    const values = Object.fromEntries((again.data.components as Array<{ component: { custom_id: string; value?: string } }>).map((c) => [c.component.custom_id, c.component.value]));
    expect(values).toEqual({ rivalry: 'amazon-vs-walmart', schedule: 'weekly friday', time: '25:00', zone: 'Europe/Berlin', metrics: 'capex,net-margin' });
  });

  it('schedule words nobody could mean are refused before anything runs', async () => {
    const { answer } = await post(modalSubmitPayload('modal:subscribe', modalValues({ schedule: 'fortnightly' }), { permissions: MANAGER }));
    expect(answer.data.flags).toBe(64);
    expect(answer.data.embeds?.[0]?.fields?.[0]).toEqual({ name: 'Schedule', value: expect.stringContaining('Not understood: "fortnightly"'), inline: false });
    expect(await store.listForWorkspace('discord', GUILD_ID)).toEqual([]);
  });

  it('a good submission creates the subscription and confirms it publicly', async () => {
    const { answer } = await post(modalSubmitPayload('modal:subscribe', modalValues({ schedule: 'weekly fri with-chart' }), { permissions: MANAGER }));
    expect(answer.type).toBe(4);
    expect(answer.data.flags).toBeUndefined();
    expect(answer.data.embeds?.[0]?.title).toBe('Subscribed: Amazon vs Walmart');
    const subscriptions = await store.listForWorkspace('discord', GUILD_ID);
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]).toMatchObject({ channelId: '333333333333333333', schedule: { frequency: 'weekly', weekday: 'friday', time: '07:30', zone: 'Europe/Berlin' }, metrics: ['capex', 'net-margin'], withChart: true, alertsOnly: false });
  });

  it('a submission by someone who lost Manage Channels meanwhile is refused and creates nothing', async () => {
    const before = (await store.listForWorkspace('discord', GUILD_ID)).length;
    const { answer } = await post(modalSubmitPayload('modal:subscribe', modalValues({ rivalry: 'amazon-vs-walmart-old' }), { permissions: MEMBER }));
    expect(answer.data.flags).toBe(64);
    expect(JSON.stringify(answer.data.embeds)).toContain('Manage Channels');
    expect(await store.listForWorkspace('discord', GUILD_ID)).toHaveLength(before);
  });

  it('a click on a button of a rivalry that no longer exists answers politely, privately, leaving the message alone', async () => {
    const quarterly = byLabel(await compare('amazon-vs-walmart-old'), 'Quarterly');
    context = { ...context, catalog: contextFor([bundledRivalry()]).catalog };
    try {
      const { status, answer } = await post(componentPayload(quarterly.custom_id));
      expect(status).toBe(200);
      expect(answer.type).toBe(4);
      expect(answer.data.flags).toBe(64);
      expect(JSON.stringify(answer.data.embeds)).toContain('amazon-vs-walmart');
    } finally {
      context = { ...context, catalog: contextFor([bundledRivalry(), doomed]).catalog };
    }
  });

  it('a click on something it never rendered, or a forged payload, gets a polite private answer', async () => {
    for (const customId of ['something-else', 'uc|compare|r=amazon-vs-walmart|zz=1']) {
      const { answer } = await post(componentPayload(customId));
      expect(answer.type).toBe(4);
      expect(answer.data.flags).toBe(64);
    }
  });

  it('refuses a click or a submission with a bad signature (401) and runs nothing', async () => {
    const clicks = log.lines().filter((l) => l['msg'] === 'component click' || l['msg'] === 'form submitted').length;
    const requests = discord.requests.length;
    expect((await post(componentPayload('uc|compare|r=amazon-vs-walmart|b=quarterly'), testKeyPair().privateKey)).status).toBe(401);
    expect((await post(modalSubmitPayload('modal:subscribe', modalValues(), { permissions: MANAGER }), testKeyPair().privateKey)).status).toBe(401);
    expect(log.lines().filter((l) => l['msg'] === 'component click' || l['msg'] === 'form submitted').length).toBe(clicks);
    expect(discord.requests.length).toBe(requests);
  });

  it('refuses a signed click whose payload is malformed (400)', async () => {
    const payload = componentPayload('x'.repeat(101));
    expect((await post(payload)).status).toBe(400);
    const modal = modalSubmitPayload('modal:subscribe', { time: 'x'.repeat(4001) });
    expect((await post(modal)).status).toBe(400);
  });
});
