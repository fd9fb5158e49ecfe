import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/command-handler.js';
import { loadConfig } from '../../../src/app/config.js';
import { startPlatforms, type Running } from '../../../src/app/serve.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { bundledContext } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, signedHeaders, slashCommandBody } from '../../fakes/fake-slack.js';

/** Subscriptions through the real Slack adapter: who may subscribe, and what each workspace sees. */
describe('Slack subscriptions', () => {
  const slack = new FakeSlack();
  const store = new SqliteStore(':memory:');
  let running: Running;
  let base: string;
  let events: string;
  let n = 0;

  beforeAll(async () => {
    base = await slack.start();
    slack.admins.add('UADMIN');
    const log = memoryLogger().logger;
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${base}/api/`, PORT: '0', HOST: '127.0.0.1', RIVALRY_ADMINS: 'ULISTED' });
    running = await startPlatforms(config, createHandlers({ ...bundledContext(), subscriptions: store }, log), log);
    events = `http://127.0.0.1:${running.port}/slack/events`;
  });
  afterAll(async () => {
    await running.stop();
    await slack.stop();
  });

  async function ask(text: string, fields: Record<string, string> = {}): Promise<{ response_type: string; raw: string }> {
    const path = `/response/sub-${(n += 1)}`;
    const body = slashCommandBody(text, `${base}${path}`, fields);
    const reply = slack.next(path);
    expect((await fetch(events, { method: 'POST', body, headers: signedHeaders(body) })).status).toBe(200);
    const r = await reply;
    return { response_type: String(r.body['response_type']), raw: r.raw };
  }

  it('refuses a member who is not a workspace admin, privately, and stores nothing', async () => {
    const reply = await ask('subscribe amazon-vs-walmart daily', { user_id: 'UMEMBER' });
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.raw).toContain('Only people who can manage this channel');
    expect(await store.listForWorkspace('slack', 'T0001')).toEqual([]);
    expect(slack.to('/api/users.info').at(-1)?.body['user']).toBe('UMEMBER');
  });

  it('lets a workspace admin subscribe, showing the schedule and the next runs', async () => {
    const reply = await ask('subscribe amazon-vs-walmart weekly friday at 16:00 tz America/New_York', { user_id: 'UADMIN' });
    expect(reply.response_type).toBe('in_channel');
    expect(reply.raw).toContain('every Friday at 16:00 (America/New_York)');
    expect(reply.raw).toMatch(/Fri, \d+ \w+ \d{4}, 16:00/);
    expect((await store.listForWorkspace('slack', 'T0001')).map((s) => s.schedule)).toEqual([{ frequency: 'weekly', weekday: 'friday', time: '16:00', zone: 'America/New_York' }]);
  });

  it('defaults the schedule to the asker\'s Slack time zone, with one users.info call for both checks', async () => {
    const before = slack.to('/api/users.info').length;
    const reply = await ask('subscribe amazon-vs-walmart daily at 08:30', { user_id: 'UADMIN', channel_id: 'C0009' });
    expect(reply.response_type).toBe('in_channel');
    expect(reply.raw).toContain('Times are in Europe/Berlin (your time zone)');
    expect(slack.to('/api/users.info').length).toBe(before + 1);
    const stored = (await store.listForWorkspace('slack', 'T0001')).find((s) => s.channelId === 'C0009');
    expect(stored?.schedule).toEqual({ frequency: 'daily', time: '08:30', zone: 'Europe/Berlin' });
    await ask('unsubscribe amazon-vs-walmart', { user_id: 'UADMIN', channel_id: 'C0009' });
  });

  it('lets a user listed in RIVALRY_ADMINS subscribe without asking Slack', async () => {
    const before = slack.to('/api/users.info').length;
    const reply = await ask('subscribe alerts-only', { user_id: 'ULISTED', channel_id: 'C0002' });
    expect(reply.raw).toContain('milestone alerts only');
    expect(slack.to('/api/users.info').length).toBe(before);
  });

  it('rejects a bad schedule precisely, storing nothing', async () => {
    const reply = await ask('subscribe monthly 30', { user_id: 'UADMIN', channel_id: 'C0003' });
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.raw).toContain('Monthly digests take a day from 1 to 28');
    expect((await store.listForWorkspace('slack', 'T0001')).some((s) => s.channelId === 'C0003')).toBe(false);
  });

  it('shows each workspace only its own subscriptions', async () => {
    const mine = await ask('subscriptions');
    expect(mine.raw).toContain('1 in this channel, 1 in other channels of this workspace');
    const other = await ask('subscriptions', { team_id: 'T0002' });
    expect(other.raw).toContain('No subscriptions in this workspace yet');
    const sneaky = await ask('unsubscribe amazon-vs-walmart', { team_id: 'T0002', user_id: 'UADMIN' });
    expect(sneaky.raw).toContain('Not subscribed');
    expect(await store.listForWorkspace('slack', 'T0001')).toHaveLength(2);
  });
});
