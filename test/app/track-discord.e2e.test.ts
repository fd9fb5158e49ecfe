import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { runBot, type Bot } from '../../src/app/run-bot.js';
import { APPLICATION_ID, FakeDiscord, interactionPayload, signedInteractionHeaders, testKeyPair } from '../fakes/fake-discord.js';
import { json } from '../fakes/http-recorder.js';
import { FakeSec } from '../fakes/fake-sec.js';
import { withTrackableCompanies } from '../fakes/sec-companies.js';
import { memoryLogger } from '../helpers/silent-logger.js';
import { secEnv } from '../helpers/sec-env.js';

const keys = testKeyPair();
const MANAGE_CHANNELS = (1n << 4n) | (1n << 11n);
const MEMBER = 1n << 11n;
type Reply = { type: number; data?: { flags?: number; embeds?: Array<{ title?: string; description?: string; footer?: { text: string } }> } };

/** `/rivalry track` through the real Discord HTTP-interactions adapter, with the bot's store and a fake SEC. */
describe('tracking a rivalry from Discord', () => {
  const discord = new FakeDiscord();
  const sec = new FakeSec();
  const dir = mkdtempSync(join(tmpdir(), 'rivalry-track-discord-'));
  let bot: Bot;
  let url: string;

  beforeAll(async () => {
    const discordBase = await discord.start();
    const secBase = await sec.start();
    withTrackableCompanies(sec);
    bot = await runBot(
      loadConfig({
        DISCORD_PUBLIC_KEY: keys.publicKeyHex,
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_API_URL: `${discordBase}/api`,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_PATH: join(dir, 'rivalry.db'),
        ...secEnv(secBase),
        RIVALRY_TRACK_LIMIT: '1',
      }),
      memoryLogger().logger,
    );
    url = `http://127.0.0.1:${bot.running.port}/discord/interactions`;
  });
  afterAll(async () => {
    await bot.stop();
    await discord.stop();
    await sec.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function payload(sub: string, options: Record<string, string>, { permissions = MANAGE_CHANNELS, guild }: { permissions?: bigint; guild?: string } = {}): Record<string, unknown> {
    const p = interactionPayload(sub, options);
    (p['member'] as { permissions: string }).permissions = permissions.toString();
    if (guild !== undefined) p['guild_id'] = guild;
    return p;
  }
  const post = async (p: Record<string, unknown>): Promise<Reply> => {
    const body = JSON.stringify(p);
    return (await (await fetch(url, { method: 'POST', body, headers: signedInteractionHeaders(body, keys.privateKey) })).json()) as Reply;
  };

  it('defers a slow track (SEC answers slowly), then edits the original reply into the comparison', async () => {
    let slow = true;
    sec.overrides = [
      (req, res) => {
        const cik = /\/companyfacts\/CIK(\d{10})/.exec(req.path)?.[1];
        if (!slow || cik === undefined) return false;
        slow = false;
        setTimeout(() => json(res, 200, sec.companies.get(cik)), 2500); // past Discord's 2-second mark
        return true;
      },
    ];
    const p = payload('track', { companies: 'NVDA vs AMD' });
    const edited = discord.next(`/api/v10/webhooks/${APPLICATION_ID}/${String(p['token'])}/messages/@original`);
    const first = await post(p);
    expect(first).toEqual({ type: 5, data: {} });
    const edit = await edited;
    expect(edit.raw).toContain('Now tracking Nvidia vs Advanced Micro Devices in this workspace as \\"nvda-vs-amd\\"');
    expect(edit.raw).toContain('annual revenue');
    expect(edit.body['allowed_mentions']).toEqual({ parse: [] });
    sec.overrides = [];
  }, 20_000);

  it('answers compare in the same server and not in another', async () => {
    const here = await post(payload('compare', { rivalry: 'nvda-vs-amd' }));
    expect(here.type).toBe(4);
    expect(here.data?.embeds?.[0]?.title).toBe('Nvidia vs Advanced Micro Devices: annual revenue');
    expect(here.data?.embeds?.[0]?.footer?.text).toMatch(/accession 0001045810-/);
    const elsewhere = await post(payload('compare', { rivalry: 'nvda-vs-amd' }, { guild: '999999999999999999' }));
    expect(elsewhere.data?.flags).toBe(64);
    expect(elsewhere.data?.embeds?.[0]?.title).toBe('Unknown rivalry "nvda-vs-amd"');
  });

  it('refuses a member without Manage Channels, and stops at the limit', async () => {
    const refused = await post(payload('track', { companies: 'COST vs TGT' }, { permissions: MEMBER }));
    expect(refused.data?.flags).toBe(64);
    expect(refused.data?.embeds?.[0]?.title).toBe('Not allowed');
    const full = await post(payload('track', { companies: 'COST vs TGT' }));
    expect(full.data?.flags).toBe(64);
    expect(full.data?.embeds?.[0]?.description).toContain('This workspace tracks 1 rivalries, the most this bot allows');
  });

  it('says so when SEC is down, then untracks', async () => {
    sec.overrides = [(req, res) => (json(res, 500, { message: 'down' }), req.path !== '')];
    try {
      const down = await post(payload('track', { companies: 'COST vs TGT' }, { guild: '888888888888888888' }));
      expect(down.data?.flags).toBe(64);
      expect(down.data?.embeds?.[0]?.title).toBe('SEC EDGAR is not answering');
    } finally {
      sec.overrides = [];
    }
    const gone = await post(payload('untrack', { rivalry: 'nvda-vs-amd' }));
    expect(gone.data?.embeds?.[0]?.description).toContain('Stopped tracking Nvidia vs Advanced Micro Devices');
    expect((await bot.store.catalog.catalogKeys()).filter((k) => k.workspace !== undefined)).toEqual([]);
  });
});
