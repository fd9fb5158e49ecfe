import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayClient } from '../../../src/adapters/discord/gateway.js';
import { renderChart } from '../../../src/app/chart-renderer.js';
import { createHandlers } from '../../../src/app/command-handler.js';
import { bundledContext } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { BOT_TOKEN, FakeDiscord, interactionPayload } from '../../fakes/fake-discord.js';

/** discord.js's own interaction handling, fed raw INTERACTION_CREATE payloads as the gateway would deliver them. */
describe('Discord gateway mode', () => {
  const discord = new FakeDiscord();
  let client: Client;
  let dispatch: (payload: Record<string, unknown>) => void;

  beforeAll(async () => {
    const base = await discord.start();
    const log = memoryLogger().logger;
    const handlers = createHandlers(bundledContext(), log);
    client = createGatewayClient({ token: BOT_TOKEN, apiUrl: `${base}/api`, deps: { ...handlers, logger: log, renderChart }, deferAfterMs: 2000 });
    client.rest.setToken(BOT_TOKEN);
    // The gateway would call this action for an INTERACTION_CREATE dispatch; no socket needed.
    const actions = (client as unknown as { actions: { InteractionCreate: { handle: (d: unknown) => void } } }).actions;
    dispatch = (payload) => actions.InteractionCreate.handle(payload);
  });
  afterAll(async () => {
    await client.destroy();
    await discord.stop();
  });

  it('answers /rivalry compare through interaction.reply with the embed and no mentions', async () => {
    const payload = interactionPayload('compare', { rivalry: 'amazon-vs-walmart', metric: 'revenue' });
    const callback = discord.next(`/api/v10/interactions/${String(payload['id'])}/${String(payload['token'])}/callback`);
    dispatch(payload);
    const req = await callback;
    expect(req.body['type']).toBe(4);
    const data = req.body['data'] as { embeds: Array<{ title: string; description: string }>; allowed_mentions: unknown; flags?: number };
    expect(data.embeds[0]?.title).toBe('Amazon vs Walmart: annual revenue');
    expect(data.embeds[0]?.description).toContain('$716.9B');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.flags ?? 0).toBe(0);
  });

  it('attaches the chart to the reply (multipart, attachment://chart.png in the embed)', async () => {
    const payload = interactionPayload('history', { since: 2015 });
    const callback = discord.next(`/api/v10/interactions/${String(payload['id'])}/`);
    dispatch(payload);
    const req = await callback;
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(req.raw).toContain('attachment://chart.png');
    expect(req.raw).toContain('filename="chart.png"');
  });

  it('keeps errors ephemeral', async () => {
    const payload = interactionPayload('history', { since: 1800 });
    const callback = discord.next(`/api/v10/interactions/${String(payload['id'])}/`);
    dispatch(payload);
    const data = (await callback).body['data'] as { flags: number; embeds: Array<{ description: string }> };
    expect(data.flags).toBe(64);
    expect(data.embeds[0]?.description).toBe('since must be a year from 1900 to 2100.');
  });

  it('answers autocomplete with choices from the data', async () => {
    const payload = interactionPayload('facts', { company: 'wal' }, { type: 4, focused: 'company' });
    const callback = discord.next(`/api/v10/interactions/${String(payload['id'])}/`);
    dispatch(payload);
    const req = await callback;
    expect(req.body).toEqual({ type: 8, data: { choices: [{ name: 'Walmart (WMT)', value: 'walmart' }] } });
  });
});
