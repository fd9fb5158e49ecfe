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

/** A view the app opened (views.open) or published (views.publish). */
export interface SlackView {
  trigger_id?: string;
  user_id?: string;
  view: { type: string; callback_id?: string; private_metadata?: string; title?: { text: string }; submit?: { text: string }; close?: { text: string }; blocks: Array<Record<string, unknown>> };
}

/** The Web API sends nested arguments as JSON strings in a form body. */
const nested = (value: unknown): unknown => (typeof value === 'string' && /^[[{]/.test(value) ? JSON.parse(value) : value);

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
  /** Modals the app opened, in order. */
  opened: SlackView[] = [];
  /** Modals the app redrew (views.update), in order. */
  updated: Array<{ view_id: string; hash?: string; view: SlackView['view'] }> = [];
  /** views.update answers hash_conflict for these hashes (the person changed the form again meanwhile). */
  staleHashes = new Set<string>();
  /** Home tabs the app published, in order. */
  published: SlackView[] = [];
  /** Trigger ids views.open answers with expired_trigger_id (Slack allows 3 s and one use). */
  expiredTriggers = new Set<string>();
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
      if (req.path === '/api/views.open') {
        const trigger = String(req.body['trigger_id']);
        if (this.expiredTriggers.has(trigger)) return json(res, 200, { ok: false, error: 'expired_trigger_id' });
        this.opened.push({ trigger_id: trigger, view: nested(req.body['view']) as SlackView['view'] });
        return json(res, 200, { ok: true, view: { id: `V${(this.seq += 1)}` } });
      }
      if (req.path === '/api/views.update') {
        const hash = req.body['hash'] === undefined ? undefined : String(req.body['hash']);
        if (hash !== undefined && this.staleHashes.has(hash)) return json(res, 200, { ok: false, error: 'hash_conflict' });
        this.updated.push({ view_id: String(req.body['view_id']), ...(hash === undefined ? {} : { hash }), view: nested(req.body['view']) as SlackView['view'] });
        return json(res, 200, { ok: true, view: { id: String(req.body['view_id']) } });
      }
      if (req.path === '/api/views.publish') {
        this.published.push({ user_id: String(req.body['user_id']), view: nested(req.body['view']) as SlackView['view'] });
        return json(res, 200, { ok: true, view: { id: `V${(this.seq += 1)}` } });
      }
      if (req.path === '/api/chat.postEphemeral') return json(res, 200, { ok: true, message_ts: `${Math.floor(Date.now() / 1000)}.000001` });
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

/** Interaction payloads (clicks, modal submissions) arrive as a form body with one JSON "payload" field. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** What every interaction payload carries: its type, who acted in which workspace, the app, and the trigger. */
function interactionEnvelope(type: string, userId: string, teamId: string, triggerId: string): Record<string, unknown> {
  return {
    type,
    team: { id: teamId, domain: 'test' },
    user: { id: userId, username: 'analyst', name: 'analyst', team_id: teamId },
    api_app_id: 'A0001',
    token: 'deprecated-verification-token',
    trigger_id: triggerId,
  };
}

/** A button or menu element as it appears in a rendered message, enough to click it. */
export interface ClickableElement {
  type: string;
  action_id: string;
  value?: string;
  options?: Array<{ text: { text: string }; value: string }>;
}

/** The block_actions payload Slack sends when someone clicks `element` (a menu: its first option) on a message. */
export function blockActionsPayload(element: ClickableElement, options: { responseUrl?: string; userId?: string; channelId?: string; teamId?: string; triggerId?: string; ephemeral?: boolean; home?: boolean } = {}): Record<string, unknown> {
  const { userId = 'U0001', channelId = 'C0001', teamId = 'T0001', triggerId = '12345.98765.abcd2358fdea', home = false } = options;
  const action =
    element.type === 'static_select'
      ? { type: 'static_select', action_id: element.action_id, block_id: 'b1', selected_option: element.options?.[0], action_ts: '1.2' }
      : { type: element.type, action_id: element.action_id, block_id: 'b1', value: element.value, text: { type: 'plain_text', text: 'x' }, action_ts: '1.2' };
  return {
    ...interactionEnvelope('block_actions', userId, teamId, triggerId),
    actions: [action],
    ...(home
      ? { container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home', blocks: [] } }
      : {
          container: { type: 'message', message_ts: '1700000000.000100', channel_id: channelId, is_ephemeral: options.ephemeral ?? false },
          channel: { id: channelId, name: 'general' },
          message: { type: 'message', ts: '1700000000.000100', text: 'x' },
          response_url: options.responseUrl,
        }),
  };
}

/** The view_submission payload for a modal the app opened, with `values` (block id → element state) filled in. */
export function viewSubmissionPayload(opened: { callback_id?: string; private_metadata?: string; title?: unknown; blocks: readonly unknown[] }, values: Record<string, Record<string, unknown>>, userId = 'U0001'): Record<string, unknown> {
  return {
    ...interactionEnvelope('view_submission', userId, 'T0001', '12345.98765.submit'),
    view: {
      id: 'VMODAL',
      team_id: 'T0001',
      type: 'modal',
      callback_id: opened.callback_id,
      private_metadata: opened.private_metadata ?? '',
      blocks: opened.blocks,
      state: { values },
      hash: '1.abc',
      title: opened.title,
      app_id: 'A0001',
      bot_id: 'B0001',
    },
    response_urls: [],
  };
}

/** The block_actions payload Slack sends when a dispatch_action input of an open modal changes: `block` chose `value`. */
export function fieldChangePayload(opened: { callback_id?: string; private_metadata?: string }, values: Record<string, Record<string, unknown>>, block: string, value: string, hash = '1.abc', userId = 'UADMIN'): Record<string, unknown> {
  return {
    ...interactionEnvelope('block_actions', userId, 'T0001', '12345.98765.change'),
    container: { type: 'view', view_id: 'VMODAL' },
    view: { id: 'VMODAL', team_id: 'T0001', type: 'modal', callback_id: opened.callback_id, private_metadata: opened.private_metadata ?? '', hash, state: { values }, blocks: [] },
    actions: [{ type: 'static_select', action_id: 'value', block_id: block, selected_option: { text: { type: 'plain_text', text: value }, value }, action_ts: '1.3' }],
  };
}

/** The event Slack sends when someone opens the app's Home tab. */
export function homeOpenedEvent(userId = 'U0001', teamId = 'T0001'): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: teamId,
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: `Ev${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user: userId, channel: 'D0001', tab: 'home', event_ts: '1700000000.000200' },
  });
}
