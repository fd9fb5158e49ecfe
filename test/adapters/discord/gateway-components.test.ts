import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayClient } from '../../../src/adapters/discord/gateway.js';
import { createHandlers } from '../../../src/app/command-handler.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { bundledContext } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { BOT_TOKEN, FakeDiscord, GUILD_ID, componentPayload, componentsOf, modalSubmitPayload } from '../../fakes/fake-discord.js';

const MANAGER = ((1n << 4n) | (1n << 11n)).toString();

/** Clicks and the subscribe modal through discord.js, fed raw INTERACTION_CREATE payloads as the gateway delivers them. */
describe('Discord gateway mode: components and modals', () => {
  const discord = new FakeDiscord();
  const store = new SqliteStore(':memory:');
  let client: Client;
  let dispatch: (payload: Record<string, unknown>) => Promise<Record<string, unknown>>;

  beforeAll(async () => {
    const base = await discord.start();
    const log = memoryLogger().logger;
    const handlers = createHandlers({ ...bundledContext(), subscriptions: store }, log, { tokens: store.tokens });
    client = createGatewayClient({ token: BOT_TOKEN, apiUrl: `${base}/api`, deps: { ...handlers, logger: log }, deferAfterMs: 2000 });
    client.rest.setToken(BOT_TOKEN);
    const actions = (client as unknown as { actions: { InteractionCreate: { handle: (d: unknown) => void } } }).actions;
    // Resolves to the body of the interaction callback discord.js sends in answer.
    dispatch = async (payload) => {
      const callback = discord.next(`/api/v10/interactions/${String(payload['id'])}/${String(payload['token'])}/callback`);
      actions.InteractionCreate.handle(payload);
      return (await callback).body;
    };
  });
  afterAll(async () => {
    await client.destroy();
    await discord.stop();
  });

  it('a basis button updates the message it is on (type 7), with the new buttons', async () => {
    const body = await dispatch(componentPayload('uc|compare|r=amazon-vs-walmart|m=revenue|b=quarterly'));
    expect(body['type']).toBe(7);
    const data = body['data'] as { embeds: Array<{ title: string }>; components: unknown; allowed_mentions: unknown; flags?: number };
    expect(data.embeds[0]?.title).toBe('Amazon vs Walmart: quarterly revenue');
    expect(componentsOf(data).map((c) => c.label)).toContain('Annual');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.flags ?? 0).toBe(0);
  });

  it('a menu choice answers with a new message (type 4)', async () => {
    const body = await dispatch(componentPayload('menu:compare', { values: ['nc|compare|r=amazon-vs-walmart'] }));
    expect(body['type']).toBe(4);
    expect((body['data'] as { embeds: Array<{ title: string }> }).embeds[0]?.title).toBe('Amazon vs Walmart: annual revenue');
  });

  it('a click on a vanished rivalry answers privately instead of replacing the message', async () => {
    const body = await dispatch(componentPayload('uc|compare|r=gone-vs-nobody|b=quarterly'));
    expect(body['type']).toBe(4);
    expect((body['data'] as { flags: number }).flags).toBe(64);
  });

  it('"Subscribe this channel" shows the modal (type 9) to a manager, and refuses a member privately', async () => {
    const modal = await dispatch(componentPayload('form:nf|subscribe|r=amazon-vs-walmart', { permissions: MANAGER }));
    expect(modal['type']).toBe(9);
    expect((modal['data'] as { custom_id: string; components: unknown[] }).custom_id).toBe('modal:subscribe');
    const refused = await dispatch(componentPayload('form:nf|subscribe|r=amazon-vs-walmart'));
    expect(refused['type']).toBe(4);
    expect((refused['data'] as { flags: number; embeds: Array<{ title: string }> }).embeds[0]?.title).toBe('Not allowed');
  });

  it('a modal submission is checked, then creates the subscription', async () => {
    const values = { rivalry: 'amazon-vs-walmart', schedule: 'daily', time: '7:5', zone: 'Europe/Berlin', metrics: '' };
    const bad = await dispatch(modalSubmitPayload('modal:subscribe', values, { permissions: MANAGER }));
    expect(bad['type']).toBe(4);
    const problem = bad['data'] as { flags: number; embeds: Array<{ fields: Array<{ name: string }> }> };
    expect(problem.flags).toBe(64);
    expect(problem.embeds[0]?.fields.map((f) => f.name)).toEqual(['Time (24-hour HH:MM)']);
    expect(await store.listForWorkspace('discord', GUILD_ID)).toEqual([]);

    const good = await dispatch(modalSubmitPayload('modal:subscribe', { ...values, time: '07:05' }, { permissions: MANAGER }));
    expect(good['type']).toBe(4);
    expect((good['data'] as { flags?: number; embeds: Array<{ title: string }> }).embeds[0]?.title).toBe('Subscribed: Amazon vs Walmart');
    expect(await store.listForWorkspace('discord', GUILD_ID)).toMatchObject([{ schedule: { frequency: 'daily', time: '07:05', zone: 'Europe/Berlin' } }]);
  });
});
