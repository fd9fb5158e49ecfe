import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { HttpRecorder, json, type RecordedRequest } from './http-recorder.js';

export const APPLICATION_ID = '123456789012345678';
export const BOT_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

type Override = (req: RecordedRequest, res: ServerResponse) => boolean;

/**
 * Discord's REST API (as discord.js calls it: /api/v10/...) on loopback: interaction callbacks,
 * webhook edits and follow-ups, application commands (kept in memory), channel messages.
 */
export interface PostedDiscordMessage {
  channelId: string;
  nonce?: string;
  body: Record<string, unknown>;
}

export class FakeDiscord extends HttpRecorder {
  overrides: Override[] = [];
  commands: unknown[] = [];
  /** Channel messages Discord accepted (a repeated nonce with enforce_nonce is not added twice, as on Discord). */
  messages: PostedDiscordMessage[] = [];
  /** For tests that build their own clients: the REST base URL (…/api). */
  baseApi = '';
  constructor() {
    super((req, res) => {
      for (const o of this.overrides) if (o(req, res)) return;
      const path = req.path.replace(/^\/api\/v10/, '');
      // Discord answers callbacks with 204 and no body (and no JSON content type).
      if (req.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback/.test(path)) return void res.writeHead(204).end();
      if (req.method === 'DELETE' && path.includes('/messages/@original')) return void res.writeHead(204).end();
      if (req.method === 'PATCH' && path.includes('/messages/@original')) return json(res, 200, { id: '1', ...req.body });
      if (req.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path.split('?')[0] ?? '')) return json(res, 200, { id: '2', ...req.body });
      if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
        if (req.method === 'GET') return json(res, 200, this.commands);
        if (req.method === 'PUT') {
          this.commands = (req.body as unknown as Array<Record<string, unknown>>).map((c, i) => ({ id: String(1000 + i), application_id: APPLICATION_ID, version: '1', default_member_permissions: null, type: 1, nsfw: false, contexts: null, integration_types: [0], ...c }));
          return json(res, 200, this.commands);
        }
      }
      const channelPost = /^\/channels\/(\d+)\/messages$/.exec(path);
      if (req.method === 'POST' && channelPost !== null) {
        const channelId = channelPost[1] ?? '';
        const nonce = typeof req.body['nonce'] === 'string' ? req.body['nonce'] : undefined;
        const existing = req.body['enforce_nonce'] === true && nonce !== undefined ? this.messages.findIndex((m) => m.channelId === channelId && m.nonce === nonce) : -1;
        if (existing >= 0) return json(res, 200, { id: String(existing), channel_id: channelId, ...this.messages[existing]?.body });
        this.messages.push({ channelId, ...(nonce === undefined ? {} : { nonce }), body: req.body });
        return json(res, 200, { id: String(this.messages.length - 1), channel_id: channelId, ...req.body });
      }
      return json(res, 404, { message: 'Unknown route', code: 0 });
    });
  }
}

/** A test Ed25519 key pair: the public key as the Developer Portal shows it (hex), and a signer. */
export function testKeyPair(): { publicKeyHex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return { publicKeyHex: raw.toString('hex'), privateKey };
}

export function signedInteractionHeaders(body: string, privateKey: KeyObject, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
}

let nextId = 900000000000000000n;

export const GUILD_ID = '222222222222222222';
export const CHANNEL_ID = '333333333333333333';
export const USER_ID = '444444444444444444';
/** The default member's permissions: View Channel, Send Messages… but not Manage Channels. */
export const MEMBER_PERMISSIONS = '2248473465835073';

/** Everything Discord sends with any interaction in a guild channel, around the `type` and `data` that differ. */
function envelope(type: number, data: Record<string, unknown>, extra: { permissions?: string; message?: Record<string, unknown> } = {}): Record<string, unknown> {
  nextId += 1n;
  return {
    id: String(nextId),
    application_id: APPLICATION_ID,
    type,
    token: `tok-${nextId}`,
    version: 1,
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: { '0': '111111111111111111' },
    context: 0,
    attachment_size_limit: 10485760,
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, locale: 'en-US', features: [] },
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general', flags: 0, position: 0, permissions: '2248473465835073', nsfw: false, parent_id: null, last_message_id: null, rate_limit_per_user: 0, topic: null },
    member: {
      user: { id: USER_ID, username: 'analyst', global_name: 'Analyst', discriminator: '0', avatar: null, public_flags: 0 },
      roles: [],
      permissions: extra.permissions ?? MEMBER_PERMISSIONS,
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      premium_since: null,
      pending: false,
      communication_disabled_until: null,
    },
    ...(extra.message === undefined ? {} : { message: extra.message }),
    data,
  };
}

/** A real-shaped chat-input interaction for /rivalry <sub> [options] (type 2), or autocomplete (type 4). */
export function interactionPayload(sub: string, options: Record<string, string | number> = {}, extra: { type?: number; focused?: string; permissions?: string } = {}): Record<string, unknown> {
  return envelope(
    extra.type ?? 2,
    {
      id: '555555555555555555',
      name: 'rivalry',
      type: 1,
      options: [
        {
          name: sub,
          type: 1,
          options: Object.entries(options).map(([name, value]) => ({ name, type: typeof value === 'number' ? 4 : 3, value, ...(extra.focused === name ? { focused: true } : {}) })),
        },
      ],
    },
    extra.permissions === undefined ? {} : { permissions: extra.permissions },
  );
}

/** The message a component sits on, as Discord includes it with a click: the bot's own reply, with its components. */
export function botMessage(components: unknown[] = [], flags = 0): Record<string, unknown> {
  nextId += 1n;
  return {
    id: String(nextId),
    channel_id: CHANNEL_ID,
    type: 20,
    content: '',
    author: { id: APPLICATION_ID, username: 'rivalry', global_name: null, discriminator: '0', avatar: null, bot: true, public_flags: 0 },
    embeds: [],
    components,
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: '2026-01-01T00:00:00.000000+00:00',
    edited_timestamp: null,
    flags,
    application_id: APPLICATION_ID,
  };
}

/** A click on a button (type 3, component_type 2), or a choice in a menu (component_type 3) when `values` are given. */
export function componentPayload(customId: string, extra: { values?: string[]; permissions?: string; components?: unknown[] } = {}): Record<string, unknown> {
  const data = { custom_id: customId, component_type: extra.values === undefined ? 2 : 3, ...(extra.values === undefined ? {} : { values: extra.values }) };
  return envelope(3, data, { message: botMessage(extra.components), ...(extra.permissions === undefined ? {} : { permissions: extra.permissions }) });
}

/** A submitted modal (type 5): each text input's value by custom_id, inside labels as the bot sent them. */
export function modalSubmitPayload(customId: string, values: Record<string, string>, extra: { permissions?: string } = {}): Record<string, unknown> {
  const components = Object.entries(values).map(([inputId, value], i) => ({ type: 18, id: 2 * i + 1, component: { type: 4, id: 2 * i + 2, custom_id: inputId, value } }));
  return envelope(5, { custom_id: customId, components }, { message: botMessage(), ...(extra.permissions === undefined ? {} : { permissions: extra.permissions }) });
}

/** A rendered reply's buttons and menus, flattened out of their rows. */
export interface SeenComponent {
  type: number;
  custom_id: string;
  label?: string;
  style?: number;
  placeholder?: string;
  options?: Array<{ label: string; value: string }>;
}

export function componentsOf(reply: { components?: unknown }): SeenComponent[] {
  const rows = (reply.components ?? []) as Array<{ components: SeenComponent[] }>;
  return rows.flatMap((r) => r.components);
}
