import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/command-handler.js';
import { loadConfig } from '../../../src/app/config.js';
import { startPlatforms, type Running } from '../../../src/app/serve.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/create-discord-adapter.js';
import { startHttpServer, boundPort } from '../../../src/app/http-server.js';
import { bundledContext } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { APPLICATION_ID, FakeDiscord, interactionPayload, signedInteractionHeaders, testKeyPair } from '../../fakes/fake-discord.js';

const keys = testKeyPair();

describe('Discord HTTP interactions', () => {
  const discord = new FakeDiscord();
  const log = memoryLogger();
  let running: Running;
  let url: string;

  beforeAll(async () => {
    const base = await discord.start();
    const config = loadConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: `${base}/api`, PORT: '0', HOST: '127.0.0.1' });
    running = await startPlatforms(config, createHandlers(bundledContext(), log.logger), log.logger);
    url = `http://127.0.0.1:${running.port}/discord/interactions`;
  });
  afterAll(async () => {
    await running.stop();
    await discord.stop();
  });

  const post = (payload: unknown, headers?: Record<string, string>) => {
    const body = JSON.stringify(payload);
    return fetch(url, { method: 'POST', body, headers: headers ?? signedInteractionHeaders(body, keys.privateKey) });
  };

  it('answers a signed PING with PONG', async () => {
    const res = await post({ id: '1', application_id: APPLICATION_ID, type: 1, token: 't', version: 1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 1 });
  });

  it('answers /rivalry compare with the comparison embed (type 4), pinging nobody', async () => {
    const res = await post(interactionPayload('compare', { rivalry: 'amazon-vs-walmart' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { type: number; data: { embeds: Array<{ title: string; description: string; color: number; footer: { text: string }; fields: Array<{ name: string; value: string }> }>; allowed_mentions: unknown; flags?: number } };
    expect(body.type).toBe(4);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.flags).toBeUndefined();
    const [embed] = body.data.embeds;
    expect(embed?.title).toBe('Amazon vs Walmart: annual revenue');
    expect(embed?.color).toBe(0xff9900);
    expect(embed?.description).toContain('$716.9B in FY2025 (Jan–Dec 2025) vs $713.2B in FY2026 (Feb 2025–Jan 2026)');
    expect(embed?.footer.text).toContain('accession 0000104169-26-000055');
  });

  it('sends a chart as an attachment: deferred, then @original edited with multipart', async () => {
    const payload = interactionPayload('chart');
    const edited = discord.next(`/api/v10/webhooks/${APPLICATION_ID}/${String(payload['token'])}/messages/@original`);
    const res = await post(payload);
    expect(await res.json()).toEqual({ type: 5, data: {} });
    const edit = await edited;
    expect(edit.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(edit.raw).toContain('name="payload_json"');
    expect(edit.raw).toContain('attachment://chart.png');
    expect(edit.raw).toContain('filename="chart.png"');
    expect(edit.raw).toContain('PNG');
  });

  it('keeps help and errors ephemeral', async () => {
    const help = (await (await post(interactionPayload('help'))).json()) as { data: { flags?: number } };
    expect(help.data.flags).toBe(64);
    const bad = (await (await post(interactionPayload('compare', { rivalry: 'amazn-vs-walmart' }))).json()) as { data: { flags?: number; embeds: Array<{ description: string }> } };
    expect(bad.data.flags).toBe(64);
    expect(bad.data.embeds[0]?.description).toContain('Did you mean "amazon-vs-walmart"?');
  });

  it('suggests rivalries and metrics as people type (autocomplete, type 8)', async () => {
    const res = await post(interactionPayload('compare', { rivalry: 'walm' }, { type: 4, focused: 'rivalry' }));
    expect(await res.json()).toEqual({ type: 8, data: { choices: [{ name: 'Amazon vs Walmart (amazon-vs-walmart)', value: 'amazon-vs-walmart' }] } });
    const metrics = await post(interactionPayload('compare', { rivalry: 'amazon-vs-walmart', metric: '' }, { type: 4, focused: 'metric' }));
    const all = (await metrics.json()) as { type: number; data: { choices: Array<{ name: string; value: string }> } };
    expect(all.type).toBe(8);
    expect(all.data.choices.map((c) => c.value)).toEqual(['revenue', 'operating-income', 'net-income', 'operating-margin', 'net-margin', 'capex', 'operating-cash-flow', 'free-cash-flow']);
    expect(all.data.choices[0]?.name).toBe('Revenue (default)');
    const margins = await post(interactionPayload('compare', { rivalry: 'amazon-vs-walmart', metric: 'marg' }, { type: 4, focused: 'metric' }));
    expect(((await margins.json()) as typeof all).data.choices.map((c) => c.value)).toEqual(['operating-margin', 'net-margin']);
  });

  it('explains a stale registration instead of failing', async () => {
    const res = await post(interactionPayload('forecast'));
    const body = (await res.json()) as { data: { flags: number; embeds: Array<{ description: string }> } };
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0]?.description).toContain('rivalry-bot discord register');
    const stale = (await (await post(interactionPayload('compare', { region: 'eu' }))).json()) as { data: { embeds: Array<{ title: string }> } };
    expect(stale.data.embeds[0]?.title).toContain('has no option "region"');
  });

  describe('rejects with 401 and runs nothing', () => {
    const cases: Array<[string, () => [string, Record<string, string>]]> = [
      ['a forged signature', () => {
        const body = JSON.stringify(interactionPayload('compare'));
        return [body, signedInteractionHeaders(body, testKeyPair().privateKey)];
      }],
      ['a body altered after signing', () => {
        const body = JSON.stringify(interactionPayload('compare'));
        return [body.replace('compare', 'history'), signedInteractionHeaders(body, keys.privateKey)];
      }],
      ['missing signature headers', () => [JSON.stringify(interactionPayload('compare')), { 'content-type': 'application/json' }]],
      ['a timestamp 10 minutes old', () => {
        const body = JSON.stringify(interactionPayload('compare'));
        return [body, signedInteractionHeaders(body, keys.privateKey, String(Math.floor(Date.now() / 1000) - 600))];
      }],
      ['a garbage signature', () => [JSON.stringify({ type: 1 }), { 'x-signature-ed25519': 'zz', 'x-signature-timestamp': '1' }]],
    ];
    it.each(cases)('%s', async (_name, make) => {
      const [body, headers] = make();
      const before = discord.requests.length;
      const commandLogs = log.lines().filter((l) => l['msg'] === 'slash command').length;
      const res = await fetch(url, { method: 'POST', body, headers });
      expect(res.status).toBe(401);
      expect(discord.requests.length).toBe(before);
      expect(log.lines().filter((l) => l['msg'] === 'slash command').length).toBe(commandLogs);
    });
  });

  it('refuses a signed but malformed payload with 400', async () => {
    const res = await post({ type: 2, nonsense: true });
    expect(res.status).toBe(400);
  });
});

describe('Discord HTTP interactions, slow replies', () => {
  it('defers (type 5) and then edits @original with the reply', async () => {
    const discord = new FakeDiscord();
    const base = await discord.start();
    const handlers = createHandlers(bundledContext(), memoryLogger().logger);
    const slow = { ...handlers, handle: async (c: Parameters<typeof handlers.handle>[0]) => { await new Promise((r) => setTimeout(r, 150)); return handlers.handle(c); } };
    const adapter = await createDiscordAdapter({ publicKey: keys.publicKeyHex, applicationId: APPLICATION_ID, apiUrl: `${base}/api`, ...slow, logger: memoryLogger().logger, deferAfterMs: 20 });
    const server = await startHttpServer([{ method: 'POST', path: '/discord/interactions', listener: adapter.routes[0]!.listener }], 0, '127.0.0.1');
    try {
      const payload = interactionPayload('compare');
      const body = JSON.stringify(payload);
      const edited = discord.next(`/api/v10/webhooks/${APPLICATION_ID}/${String(payload['token'])}/messages/@original`);
      const res = await fetch(`http://127.0.0.1:${boundPort(server)}/discord/interactions`, { method: 'POST', body, headers: signedInteractionHeaders(body, keys.privateKey) });
      expect(await res.json()).toEqual({ type: 5, data: {} });
      const edit = await edited;
      expect(edit.method).toBe('PATCH');
      expect(edit.raw).toContain('$716.9B');
      expect(edit.body['allowed_mentions']).toEqual({ parse: [] });

      // An error after a public deferral: the placeholder goes, the error comes privately.
      const bad = interactionPayload('compare', { metric: 'profit' });
      const badBody = JSON.stringify(bad);
      const followUp = discord.next(`/api/v10/webhooks/${APPLICATION_ID}/${String(bad['token'])}`);
      await fetch(`http://127.0.0.1:${boundPort(server)}/discord/interactions`, { method: 'POST', body: badBody, headers: signedInteractionHeaders(badBody, keys.privateKey) });
      const first = await followUp;
      expect(first.method).toBe('DELETE');
      const sent = await discord.next(`/api/v10/webhooks/${APPLICATION_ID}/${String(bad['token'])}`);
      expect(sent.method).toBe('POST');
      expect(sent.body['flags']).toBe(64);
    } finally {
      server.close();
      await discord.stop();
    }
  });
});
