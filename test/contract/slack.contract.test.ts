import type { Running } from '../../src/app/serve.js';
import type { SlackPayload } from '../../src/adapters/slack/render-block-kit.js';
import { messageViolations } from '../adapters/slack/limit-violations.js';
import { json } from '../fakes/http-recorder.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, blockActionsPayload, interactionBody, signedHeaders, slashCommandBody, type ClickableElement } from '../fakes/fake-slack.js';
import { runAdapterContract } from './adapter-contract.js';
import { startAdapter } from './start-adapter.js';

const slack = new FakeSlack();
let running: Running;
let base = '';
let n = 0;

const events = () => `http://127.0.0.1:${running.port}/slack/events`;

/** Sends `/rivalry <text>`; resolves to what arrived at its response_url. */
async function command(text: string): Promise<{ raw: string; body: Record<string, unknown> }> {
  const path = `/response/contract-${(n += 1)}`;
  const body = slashCommandBody(text, `${base}${path}`);
  const reply = slack.next(path);
  await fetch(events(), { method: 'POST', body, headers: signedHeaders(body) });
  return reply;
}

runAdapterContract('slack', {
  async start() {
    base = await slack.start();
    const started = await startAdapter({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${base}/api/` });
    running = started.running;
    return started.adapter;
  },
  async stop() {
    await running.stop();
    await slack.stop();
  },
  async ask(text) {
    const r = await command(text);
    return { text: r.raw, private: r.body['response_type'] === 'ephemeral' };
  },
  async click(text, actionId) {
    const { body } = await command(text);
    const elements = (body['blocks'] as Array<{ type: string; elements?: ClickableElement[] }>).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
    const element = elements.find((e) => e.action_id === `rivalry:${actionId}`);
    if (element === undefined) throw new Error(`no action ${actionId} in the reply to ${text}`);
    const path = `/response/click-${(n += 1)}`;
    const answered = slack.next(path);
    const click = interactionBody(blockActionsPayload(element, { responseUrl: `${base}${path}` }));
    await fetch(events(), { method: 'POST', body: click, headers: signedHeaders(click) });
    const r = await answered;
    return { text: r.raw, private: r.body['response_type'] === 'ephemeral', updated: r.body['replace_original'] === true };
  },
  async forgedClick() {
    const click = interactionBody(blockActionsPayload({ type: 'button', action_id: 'rivalry:scoreboard', value: 'nc|scoreboard|r=amazon-vs-walmart' }, { responseUrl: `${base}/response/forged` }));
    const res = await fetch(events(), { method: 'POST', body: click, headers: signedHeaders(click, 'not-the-signing-secret-0123') });
    return res.status;
  },
  limitViolations: (payload) => messageViolations(payload as SlackPayload),
  couldPing: (payload) => /<[!@#]/.test(typeof payload === 'string' ? payload : JSON.stringify(payload)),
  failNextPost(fault) {
    let once = true;
    slack.overrides = [
      (req, res) => {
        if (req.path !== '/api/chat.postMessage' || !once) return false;
        once = false;
        if (fault === '429') json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '2' });
        else if (fault === '5xx') json(res, 503, { ok: false, error: 'service_unavailable' });
        else json(res, 200, { ok: false, error: 'channel_not_found' });
        return true;
      },
    ];
  },
  lastPostCarried: (key) => slack.posted.at(-1)?.key === key,
});
