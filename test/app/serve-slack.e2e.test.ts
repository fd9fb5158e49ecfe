import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, signedHeaders, slashCommandBody } from '../fakes/fake-slack.js';
import { spawnServe } from '../helpers/spawn-serve.js';

/** The "done when" of the Slack issue, through the real executable. */
describe('rivalry-bot serve with Slack configured', () => {
  const slack = new FakeSlack();
  let child: ChildProcess;
  let events: string;
  let base: string;

  beforeAll(async () => {
    base = await slack.start();
    let port: string;
    ({ child, port } = await spawnServe({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${base}/api/` }));
    events = `http://127.0.0.1:${port}/slack/events`;
  });
  afterAll(async () => {
    child.kill('SIGTERM');
    await slack.stop();
  });

  it('answers a signed /rivalry compare with 200 within 3 s, then posts the figures to response_url', async () => {
    const body = slashCommandBody('compare amazon-vs-walmart', `${base}/response/cli`);
    const reply = slack.next('/response/cli');
    const started = Date.now();
    const res = await fetch(events, { method: 'POST', body, headers: signedHeaders(body) });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const delivered = await reply;
    expect(delivered.raw).toContain('$716.9B');
    expect(delivered.raw).toContain('$713.2B');
  });

  it('rejects a bad signature with 401', async () => {
    const body = slashCommandBody('compare', `${base}/response/never`);
    const res = await fetch(events, { method: 'POST', body, headers: signedHeaders(body, 'wrong-secret-wrong-secret') });
    expect(res.status).toBe(401);
  });

  it('answers health and readiness checks', async () => {
    expect((await fetch(events.replace('/slack/events', '/healthz'))).status).toBe(200);
    const ready = await fetch(events.replace('/slack/events', '/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, checks: { platforms: 'ok', database: 'ok' } });
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
