import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { HttpRecorder, json, type RecordedRequest } from './http-recorder.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-token';

type Override = (req: RecordedRequest, res: ServerResponse) => boolean;

/**
 * Slack's Web API (/api/<method>) and response_url endpoints (/response/<id>) on loopback.
 * `override` lets a test answer one call differently (429s, errors) before the default.
 */
export interface PostedSlackMessage {
  channel: string;
  text: string;
  ts: string;
  /** The idempotency key carried in message metadata, if any. */
  key?: string;
}

export class FakeSlack extends HttpRecorder {
  /** Posts land at once but their answers take `ms`: a process killed meanwhile leaves them in flight. */
  answerPostsAfter(ms: number): void {
    this.overrides = [
      (req, res) => {
        if (req.path !== '/api/chat.postMessage') return false;
        const key = (JSON.parse(String(req.body['metadata'])) as { event_payload: { idempotency_key: string } }).event_payload.idempotency_key;
        const ts = `${Date.now() / 1000}`;
        this.posted.push({ channel: String(req.body['channel']), text: String(req.body['text'] ?? ''), ts, key });
        setTimeout(() => json(res, 200, { ok: true, ts }), ms);
        return true;
      },
    ];
  }

  override async start(): Promise<string> {
    this.baseUrl = await super.start();
    return this.baseUrl;
  }

  overrides: Override[] = [];
  /** Messages that chat.postMessage accepted, as a channel's history would show them. */
  posted: PostedSlackMessage[] = [];
  /** users.info answers: user id → admin/owner flags. */
  admins = new Set<string>();
  private seq = 0;
  /** Set by start(): where upload URLs point. */
  baseUrl = '';
  constructor() {
    super((req, res) => {
      for (const o of this.overrides) if (o(req, res)) return;
      if (req.path === '/api/auth.test') return json(res, 200, { ok: true, url: 'https://test.slack.com/', team: 'Test', user: 'rivalry-bot', team_id: 'T0001', user_id: 'U0BOT', bot_id: 'B0001' });
      if (req.path === '/api/chat.postMessage') {
        const raw = req.body['metadata'];
        const metadata = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { event_payload?: { idempotency_key?: string } } | undefined;
        const ts = `${Math.floor(Date.now() / 1000)}.${String((this.seq += 1)).padStart(6, '0')}`;
        const key = metadata?.event_payload?.idempotency_key;
        this.posted.push({ channel: String(req.body['channel']), text: String(req.body['text'] ?? ''), ts, ...(key === undefined ? {} : { key }) });
        return json(res, 200, { ok: true, channel: req.body['channel'], ts });
      }
      if (req.path === '/api/conversations.history') {
        const channel = String(req.body['channel']);
        const oldest = Number(req.body['oldest'] ?? 0);
        const messages = this.posted
          .filter((m) => m.channel === channel && Number(m.ts) >= oldest)
          .reverse()
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(m.key === undefined ? {} : { metadata: { event_type: 'rivalry_bot_post', event_payload: { idempotency_key: m.key } } }) }));
        return json(res, 200, { ok: true, messages, has_more: false });
      }
      // Files upload v2: get an upload URL (on this server), upload the bytes there, complete into a channel.
      if (req.path === '/api/files.getUploadURLExternal') {
        const id = `F${(this.seq += 1)}`;
        return json(res, 200, { ok: true, upload_url: `${this.baseUrl}/upload/${id}`, file_id: id });
      }
      if (req.path.startsWith('/upload/')) return void res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${req.raw.length}`);
      if (req.path === '/api/files.completeUploadExternal') return json(res, 200, { ok: true, files: [{ id: 'F1' }] });
      if (req.path === '/api/oauth.v2.access') {
        if (req.body['code'] !== 'good-code') return json(res, 200, { ok: false, error: 'invalid_code' });
        return json(res, 200, {
          ok: true,
          app_id: 'A0001',
          authed_user: { id: 'U0INSTALLER' },
          scope: 'commands,chat:write',
          token_type: 'bot',
          access_token: 'xoxb-installed-T9',
          bot_user_id: 'U0BOT9',
          team: { id: 'T9', name: 'Ninth' },
          enterprise: null,
          is_enterprise_install: false,
        });
      }
      if (req.path === '/api/users.info') {
        const id = String(req.body['user']);
        return json(res, 200, { ok: true, user: { id, is_admin: this.admins.has(id), is_owner: false, is_primary_owner: false, tz: 'Europe/Berlin' } });
      }
      if (req.path.startsWith('/response/')) return json(res, 200, { ok: true });
      return json(res, 200, { ok: false, error: 'unknown_method' });
    });
  }
}

/** The form body Slack sends for a slash command (the fields it really sends). */
export function slashCommandBody(text: string, responseUrl: string, overrides: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    team_domain: 'test',
    channel_id: 'C0001',
    channel_name: 'general',
    user_id: 'U0001',
    user_name: 'analyst',
    command: '/rivalry',
    text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '123.456.abc',
    ...overrides,
  }).toString();
}

/** Slack's v0 request signature headers. */
export function signedHeaders(body: string, secret = SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}
