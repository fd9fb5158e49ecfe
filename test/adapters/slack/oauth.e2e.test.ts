import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installationRegistry } from '../../../src/app/installation-registry.js';
import { createHandlers } from '../../../src/app/command-handler.js';
import { loadConfig } from '../../../src/app/config.js';
import { startPlatforms, type Running } from '../../../src/app/serve.js';
import { createMessage } from '../../../src/core/message/message.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { FakeSlack, SIGNING_SECRET, signedHeaders } from '../../fakes/fake-slack.js';
import { bundledContext } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { newSubscription } from '../../helpers/subscriptions.js';
import { until } from '../../helpers/until.js';

/** Installing into many workspaces: Bolt's OAuth flow against a fake oauth.v2.access, tokens kept per workspace. */
describe('Slack OAuth distribution', () => {
  const slack = new FakeSlack();
  const store = new SqliteStore(':memory:');
  let running: Running;
  let base: string;
  let server: string;
  const installations = installationRegistry(store, memoryLogger().logger);

  beforeAll(async () => {
    base = await slack.start();
    const log = memoryLogger().logger;
    const config = loadConfig({ SLACK_CLIENT_ID: '123.456', SLACK_CLIENT_SECRET: 'client-secret-0123456789', SLACK_STATE_SECRET: 'state-secret-0123456789', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${base}/api/`, PORT: '0', HOST: '127.0.0.1' });
    running = await startPlatforms(config, createHandlers(bundledContext(), log), log, { installations });
    server = `http://127.0.0.1:${running.port}`;
  });
  afterAll(async () => {
    await running.stop();
    await slack.stop();
  });

  async function beginInstall(): Promise<{ state: string; cookie: string }> {
    const res = await fetch(`${server}/slack/install`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('client_id')).toBe('123.456');
    expect(location.searchParams.get('scope')).toContain('chat:write');
    return { state: location.searchParams.get('state') ?? '', cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
  }

  it('refuses a callback whose state was not issued to this browser', async () => {
    const { state } = await beginInstall();
    const forged = await fetch(`${server}/slack/oauth_redirect?code=good-code&state=${encodeURIComponent(state)}`, { redirect: 'manual' });
    expect(forged.status).toBe(400);
    const wrong = await fetch(`${server}/slack/oauth_redirect?code=good-code&state=not-a-state`, { headers: { cookie: 'slack-app-oauth-state=not-a-state' }, redirect: 'manual' });
    expect(wrong.status).toBe(400);
    expect(await store.fetchInstallation('slack', 'T9')).toBeUndefined();
  });

  it('installs into a workspace and posts there with that workspace\'s own token', async () => {
    const { state, cookie } = await beginInstall();
    const done = await fetch(`${server}/slack/oauth_redirect?code=good-code&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
    expect(done.status).toBe(200);
    expect(await store.fetchInstallation('slack', 'T9')).toMatchObject({ team: { id: 'T9' }, bot: { token: 'xoxb-installed-T9' } });

    const poster = running.adapters[0]?.poster;
    const message = createMessage({ title: 'Digest', fallbackText: 'Digest' });
    expect(await poster?.post('C9', message, { idempotencyKey: 'k9', uncertain: false, queuedAt: Date.now(), workspaceId: 'T9' })).toEqual({ kind: 'ok' });
    expect(slack.to('/api/chat.postMessage').at(-1)?.headers['authorization']).toBe('Bearer xoxb-installed-T9');
    expect(await poster?.post('C8', message, { idempotencyKey: 'k8', uncertain: false, queuedAt: Date.now(), workspaceId: 'T8' })).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('no installation for workspace T8') });
  });

  it('forgets the workspace and stops its subscriptions when the app is uninstalled', async () => {
    await store.subscribe(newSubscription({ workspaceId: 'T9', channelId: 'C9' }), []);
    const event = JSON.stringify({ token: 'x', team_id: 'T9', api_app_id: 'A0001', type: 'event_callback', event_id: 'Ev1', event_time: Math.floor(Date.now() / 1000), event: { type: 'app_uninstalled', event_ts: '1.2' } });
    const res = await fetch(`${server}/slack/events`, { method: 'POST', body: event, headers: { ...signedHeaders(event), 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    await until(async () => (await store.fetchInstallation('slack', 'T9')) === undefined, 5000);
    expect((await store.listForWorkspace('slack', 'T9'))[0]?.disabledReason).toBe('the app was uninstalled from the workspace');
  });
});
