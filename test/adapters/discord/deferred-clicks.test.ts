import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/create-discord-adapter.js';
import { createHandlers } from '../../../src/app/command-handler.js';
import { boundPort, startHttpServer } from '../../../src/app/http-server.js';
import type { FormHandler } from '../../../src/core/inbound.js';
import { bundledContext } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { APPLICATION_ID, FakeDiscord, componentPayload, componentsOf, signedInteractionHeaders, testKeyPair } from '../../fakes/fake-discord.js';

const keys = testKeyPair();
const MANAGER = ((1n << 4n) | (1n << 11n)).toString();
const later = <T>(ms: number, work: () => Promise<T>) => new Promise<T>((resolve, reject) => setTimeout(() => work().then(resolve, reject), ms));

/** Clicks whose work outlasts the defer window (20 ms here): the click is acknowledged in time and answered afterwards. */
describe('Discord clicks that take longer than the defer window', () => {
  const discord = new FakeDiscord();
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const base = await discord.start();
    const log = memoryLogger().logger;
    const handlers = createHandlers(bundledContext(), log);
    const forms: FormHandler = { open: (payload, origin) => later(150, () => handlers.forms.open(payload, origin)), submit: handlers.forms.submit, refresh: handlers.forms.refresh };
    const adapter = await createDiscordAdapter({ publicKey: keys.publicKeyHex, applicationId: APPLICATION_ID, apiUrl: `${base}/api`, ...handlers, handle: (c) => later(150, () => handlers.handle(c)), forms, logger: log, deferAfterMs: 20 });
    const route = adapter.routes[0];
    if (route === undefined) throw new Error('no interactions route');
    server = await startHttpServer([route], 0, '127.0.0.1');
    url = `http://127.0.0.1:${boundPort(server)}/discord/interactions`;
  });
  afterAll(async () => {
    server.close();
    await discord.stop();
  });

  const click = async (payload: Record<string, unknown>) => {
    const body = JSON.stringify(payload);
    const res = await fetch(url, { method: 'POST', body, headers: signedInteractionHeaders(body, keys.privateKey) });
    return (await res.json()) as { type: number; data?: { flags?: number } };
  };
  const webhook = (payload: Record<string, unknown>) => `/api/v10/webhooks/${APPLICATION_ID}/${String(payload['token'])}`;

  it('an in-place switch defers the update (type 6), then edits the clicked message, replacing its buttons', async () => {
    const payload = componentPayload('uc|compare|r=amazon-vs-walmart|m=revenue|b=quarterly');
    const edited = discord.next(`${webhook(payload)}/messages/@original`);
    expect(await click(payload)).toEqual({ type: 6 });
    const edit = await edited;
    expect(edit.method).toBe('PATCH');
    expect(edit.body['flags']).toBeUndefined();
    expect((edit.body['embeds'] as Array<{ title: string }>)[0]?.title).toBe('Amazon vs Walmart: quarterly revenue');
    expect(componentsOf(edit.body).map((c) => c.label)).toContain('Annual');
  });

  it('a private answer to a deferred switch comes as an ephemeral follow-up, leaving the message alone', async () => {
    const payload = componentPayload('uc|compare|r=gone-vs-nobody|b=quarterly');
    const sent = discord.next(webhook(payload));
    expect(await click(payload)).toEqual({ type: 6 });
    const followUp = await sent;
    expect(followUp.method).toBe('POST');
    expect(followUp.body['flags']).toBe(64);
    expect(discord.to(`${webhook(payload)}/messages/@original`)).toEqual([]);
  });

  it('a new reply defers as a message (type 5), private already when the command always answers privately', async () => {
    const scoreboard = componentPayload('nc|scoreboard|r=amazon-vs-walmart');
    const edited = discord.next(`${webhook(scoreboard)}/messages/@original`);
    expect(await click(scoreboard)).toEqual({ type: 5, data: {} });
    expect(JSON.stringify((await edited).body)).toContain('Operating margin');
    expect(await click(componentPayload('nc|help'))).toEqual({ type: 5, data: { flags: 64 } });
  });

  it('a form that is not ready in time cannot become a modal: the asker is told privately, with the button again', async () => {
    const payload = componentPayload('form:nf|subscribe|r=amazon-vs-walmart', { permissions: MANAGER });
    const edited = discord.next(`${webhook(payload)}/messages/@original`);
    expect(await click(payload)).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await edited;
    expect((edit.body['embeds'] as Array<{ title: string }>)[0]?.title).toBe('The form took too long to open');
    expect(componentsOf(edit.body).map((c) => c.custom_id)).toEqual(['form:nf|subscribe|r=amazon-vs-walmart']);
  });
});
