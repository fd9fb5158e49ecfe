import type { Running } from '../../src/app/serve.js';
import { SLACK_LIMITS as L } from '../../src/adapters/slack/limits.js';
import type { SlackPayload } from '../../src/adapters/slack/render-block-kit.js';
import { json } from '../fakes/http-recorder.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, signedHeaders, slashCommandBody } from '../fakes/fake-slack.js';
import { runAdapterContract } from './adapter-contract.js';
import { startAdapter } from './start-adapter.js';

const slack = new FakeSlack();
let running: Running;
let base = '';
let n = 0;

type AnyBlock = { type: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<{ text: string }> };

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
    const path = `/response/contract-${(n += 1)}`;
    const body = slashCommandBody(text, `${base}${path}`);
    const reply = slack.next(path);
    await fetch(`http://127.0.0.1:${running.port}/slack/events`, { method: 'POST', body, headers: signedHeaders(body) });
    const r = await reply;
    return { text: r.raw, private: r.body['response_type'] === 'ephemeral' };
  },
  limitViolations(payload) {
    const { text, blocks } = payload as SlackPayload;
    const out: string[] = [];
    const all = blocks as AnyBlock[];
    if (all.length > L.blocksPerMessage) out.push(`${all.length} blocks`);
    if ([...text].length > L.fallbackChars) out.push('fallback text too long');
    if (all.reduce((n, b) => n + JSON.stringify(b).length, 0) > L.totalBlockChars) out.push('blocks too long in total');
    for (const b of all) {
      if (b.type === 'header' && [...(b.text?.text ?? '')].length > L.headerChars) out.push('header too long');
      if (b.type === 'section' && b.text !== undefined && [...b.text.text].length > L.sectionTextChars) out.push('section too long');
      if ((b.fields?.length ?? 0) > L.fieldsPerSection) out.push('too many fields');
      for (const f of b.fields ?? []) if ([...f.text].length > L.fieldChars) out.push('field too long');
      if ((b.elements?.length ?? 0) > L.contextElements) out.push('too many context elements');
    }
    return out;
  },
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
