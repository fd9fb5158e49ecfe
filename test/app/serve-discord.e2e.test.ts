import { execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, BOT_TOKEN, FakeDiscord, interactionPayload, signedInteractionHeaders, testKeyPair } from '../fakes/fake-discord.js';
import { BIN, spawnServe } from '../helpers/spawn-serve.js';
const keys = testKeyPair();

/** The "done when" of the Discord issue, through the real executable. */
describe('rivalry-bot with Discord configured', () => {
  const discord = new FakeDiscord();
  let child: ChildProcess;
  let url: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    const base = await discord.start();
    env = { DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: `${base}/api` };
    let port: string;
    ({ child, port } = await spawnServe(env));
    url = `http://127.0.0.1:${port}/discord/interactions`;
  });
  afterAll(async () => {
    child.kill('SIGTERM');
    await discord.stop();
  });

  const post = (payload: unknown, privateKey = keys.privateKey) => {
    const body = JSON.stringify(payload);
    return fetch(url, { method: 'POST', body, headers: signedInteractionHeaders(body, privateKey) });
  };

  it('answers a signed PING with PONG', async () => {
    const res = await post({ id: '1', application_id: APPLICATION_ID, type: 1, token: 't', version: 1 });
    expect(await res.json()).toEqual({ type: 1 });
  });

  it('answers /rivalry compare with the comparison embed', async () => {
    const res = await post(interactionPayload('compare', { rivalry: 'amazon-vs-walmart' }));
    const body = (await res.json()) as { type: number; data: { embeds: Array<{ description: string }> } };
    expect(body.type).toBe(4);
    expect(body.data.embeds[0]?.description).toContain('$716.9B');
  });

  it('rejects a bad signature with 401', async () => {
    expect((await post({ type: 1 }, testKeyPair().privateKey)).status).toBe(401);
  });

  it('discord register is idempotent', async () => {
    const run = promisify(execFile);
    const registerEnv = { PATH: process.env['PATH'] ?? '', ...env, DISCORD_TOKEN: BOT_TOKEN };
    const first = await run(process.execPath, [BIN, 'discord', 'register'], { env: registerEnv });
    expect(first.stdout).toMatch(/^Registered \/rivalry with \d+ subcommands globally\.$/m);
    const second = await run(process.execPath, [BIN, 'discord', 'register'], { env: registerEnv });
    expect(second.stdout).toContain('Already up to date globally: nothing changed.');
    expect(discord.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });
});
