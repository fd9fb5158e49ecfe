import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpRecorder, json, type RecordedRequest } from './http-recorder.js';

export const TEAMS_CLIENT_ID = '6f1c3a52-8d4e-4b7a-9c2d-1e5f7a9b3c4d';
export const TEAMS_CLIENT_SECRET = 'fake~client~secret~0123456789abcdef';
export const TEAMS_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** A sovereign-cloud-like issuer, so the test proves TEAMS_TOKEN_ISSUER is what is checked. */
export const TEAMS_ISSUER = 'https://api.botframework.test';
export const BOT_ID = `28:${TEAMS_CLIENT_ID}`;
export const TEAM_ID = '19:team-general@thread.tacv2';
export const CHANNEL_ID = '19:retail-watchers@thread.tacv2';
export const OWNER = '29:1owner-ana';
export const MEMBER = '29:1member-ben';

type Override = (req: RecordedRequest, res: ServerResponse) => boolean;

/** An activity the bot posted or updated, as the fake connector received it. */
export interface ConnectorActivity {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The id the fake gave it (POST), or the id it replaced (PUT). */
  activityId: string;
  body: Record<string, unknown>;
  raw: string;
}

const keys = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS, RS256 (or "none": header and claims with an empty signature). */
export function jwt(claims: Record<string, unknown>, key: KeyObject | 'none', kid: string): string {
  const header = key === 'none' ? { alg: 'none', typ: 'JWT' } : { alg: 'RS256', typ: 'JWT', kid };
  const input = `${b64(header)}.${b64(claims)}`;
  return key === 'none' ? `${input}.` : `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/**
 * The Bot Framework on loopback: OpenID metadata and JWKS with our own RSA key, the Entra ID token
 * endpoint (client credentials), and the connector: activities posted and updated in conversations
 * (recorded; only with the token it issued), and team members with their roles.
 */
export class FakeTeams extends HttpRecorder {
  readonly kid = 'fake-signing-key';
  private readonly signing = keys();
  /** A key Microsoft never published: what a forger would sign with. */
  readonly forgerKey = keys().privateKey;
  overrides: Override[] = [];
  activities: ConnectorActivity[] = [];
  /** Users who own every team. */
  owners = new Set<string>([OWNER]);
  private issued = new Set<string>();
  private nextId = 1000;
  base = '';

  constructor() {
    super((req, res) => {
      for (const o of this.overrides) if (o(req, res)) return;
      this.respond(req, res);
    });
  }

  override async start(): Promise<string> {
    this.base = await super.start();
    return this.base;
  }

  /** The environment that points the bot at this fake. */
  env(): Record<string, string> {
    return {
      TEAMS_CLIENT_ID,
      TEAMS_CLIENT_SECRET,
      TEAMS_TENANT_ID,
      TEAMS_OPENID_METADATA_URL: `${this.base}/v1/.well-known/openidconfiguration`,
      TEAMS_TOKEN_ISSUER: TEAMS_ISSUER,
      TEAMS_LOGIN_URL: this.base,
    };
  }

  /** The connector's base URL as Teams gives it in activities (with its trailing slash). */
  get serviceUrl(): string {
    return `${this.base}/teams/`;
  }

  /** A token as the Bot Framework signs it for a request to the bot; `claims` override or (undefined) remove claims. */
  token(claims: Record<string, unknown> = {}, key: KeyObject | 'none' = this.signing.privateKey): string {
    const now = Math.floor(Date.now() / 1000);
    const all: Record<string, unknown> = { iss: TEAMS_ISSUER, aud: TEAMS_CLIENT_ID, serviceurl: this.serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims };
    return jwt(Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)), key, this.kid);
  }

  /** Connector calls (posts, updates, member look-ups): none must follow a refused request. */
  connectorCalls(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/teams/v3/'));
  }

  posted(conversationId?: string): ConnectorActivity[] {
    return this.activities.filter((a) => a.method === 'POST' && (conversationId === undefined || a.conversationId === conversationId));
  }

  updates(): ConnectorActivity[] {
    return this.activities.filter((a) => a.method === 'PUT');
  }

  private respond(req: RecordedRequest, res: ServerResponse): void {
    const path = req.path.split('?')[0] ?? '';
    if (req.method === 'GET' && path === '/v1/.well-known/openidconfiguration') {
      return json(res, 200, { issuer: TEAMS_ISSUER, jwks_uri: `${this.base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (req.method === 'GET' && path === '/v1/.well-known/keys') {
      return json(res, 200, { keys: [{ ...this.signing.publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] });
    }
    if (req.method === 'POST' && path === `/${TEAMS_TENANT_ID}/oauth2/v2.0/token`) return this.issueToken(req, res);
    if (!path.startsWith('/teams/v3/conversations/')) return json(res, 404, { error: { code: 'NotFound', message: path } });
    if (!this.issued.has(String(req.headers.authorization).replace(/^Bearer /, ''))) return json(res, 401, { error: { code: 'Unauthorized', message: 'bad token' } });
    const rest = path.slice('/teams/v3/conversations/'.length);
    const member = /^(.+)\/members\/([^/]+)$/.exec(rest);
    if (req.method === 'GET' && member !== null) {
      const [, , userId = ''] = member;
      return json(res, 200, { id: userId, name: 'Person', aadObjectId: '00000000-0000-0000-0000-000000000001', userRole: this.owners.has(userId) ? 'owner' : 'user', tenantId: TEAMS_TENANT_ID });
    }
    const update = /^(.+)\/activities\/([^/]+)$/.exec(rest);
    if (req.method === 'PUT' && update !== null) {
      const [, conversationId = '', activityId = ''] = update;
      this.activities.push({ method: 'PUT', conversationId, activityId, body: req.body, raw: req.raw });
      return json(res, 200, { id: activityId });
    }
    const post = /^(.+)\/activities$/.exec(rest);
    if (req.method === 'POST' && post !== null) {
      const activityId = `activity-${(this.nextId += 1)}`;
      this.activities.push({ method: 'POST', conversationId: post[1] ?? '', activityId, body: req.body, raw: req.raw });
      return json(res, 201, { id: activityId });
    }
    return json(res, 404, { error: { code: 'NotFound', message: path } });
  }

  private issueToken(req: RecordedRequest, res: ServerResponse): void {
    const form = req.body;
    if (form['grant_type'] !== 'client_credentials' || form['client_id'] !== TEAMS_CLIENT_ID || form['client_secret'] !== TEAMS_CLIENT_SECRET) {
      return json(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
    }
    const now = Math.floor(Date.now() / 1000);
    const token = jwt({ aud: 'https://api.botframework.com', iss: `https://sts.windows.net/${TEAMS_TENANT_ID}/`, appid: TEAMS_CLIENT_ID, exp: now + 3600, scope: String(form['scope']) }, this.signing.privateKey, this.kid);
    this.issued.add(token);
    json(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
  }
}

export interface ActivityOptions {
  conversationId?: string;
  kind?: 'channel' | 'personal' | 'groupChat';
  userId?: string;
  /** Mention the bot ("<at>rivalry</at> …"); default true outside personal chats. */
  mention?: boolean;
  id?: string;
  replyToId?: string;
  value?: unknown;
  localTimezone?: string;
}

let sequence = 0;

/** A real-shaped message activity, as Teams sends it to the bot's endpoint. */
export function messageActivity(fake: FakeTeams, text: string, o: ActivityOptions = {}): Record<string, unknown> {
  const kind = o.kind ?? 'channel';
  const mention = o.mention ?? kind !== 'personal';
  const conversationId = o.conversationId ?? (kind === 'channel' ? `${CHANNEL_ID};messageid=17000000${(sequence += 1)}` : kind === 'personal' ? 'a:1personal-chat' : '19:group-chat@thread.v2');
  return {
    type: 'message',
    id: o.id ?? `17100000${(sequence += 1)}`,
    timestamp: new Date().toISOString(),
    serviceUrl: fake.serviceUrl,
    channelId: 'msteams',
    from: { id: o.userId ?? OWNER, name: 'Ana', aadObjectId: '5c3a0e7f-0000-4000-8000-0000000000aa' },
    recipient: { id: BOT_ID, name: 'rivalry' },
    conversation: { id: conversationId, conversationType: kind, tenantId: TEAMS_TENANT_ID, ...(kind === 'personal' ? {} : { isGroup: true }) },
    channelData: { tenant: { id: TEAMS_TENANT_ID }, ...(kind === 'channel' ? { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } } : {}) },
    locale: 'en-US',
    ...(o.localTimezone === undefined ? {} : { localTimezone: o.localTimezone }),
    textFormat: 'plain',
    text: mention ? `<at>rivalry</at> ${text}` : text,
    entities: [
      ...(mention ? [{ type: 'mention', text: '<at>rivalry</at>', mentioned: { id: BOT_ID, name: 'rivalry' } }] : []),
      { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web' },
    ],
    ...(o.replyToId === undefined ? {} : { replyToId: o.replyToId }),
    ...(o.value === undefined ? {} : { value: o.value }),
  };
}

/** A card click as an `adaptiveCard/action` invoke, on the card activity `cardId`. */
export function invokeActivity(fake: FakeTeams, data: Record<string, unknown>, o: ActivityOptions & { cardId: string }): Record<string, unknown> {
  const base = messageActivity(fake, '', { ...o, mention: false, replyToId: o.cardId });
  return { ...base, type: 'invoke', name: 'adaptiveCard/action', text: undefined, entities: undefined, value: { action: { type: 'Action.Submit', data }, trigger: 'manual' } };
}

/** Delivers an activity to the bot the way the Bot Framework does: a POST with its JWT. */
export async function deliver(url: string, activity: unknown, token: string | undefined): Promise<Response> {
  return fetch(url, { method: 'POST', body: JSON.stringify(activity), headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) } });
}

const cardSchema = z.object({ contentType: z.string(), content: z.unknown().optional(), contentUrl: z.string().optional() });

/** The Adaptive Card an activity carries, if any. */
export function cardOf(activity: { body: Record<string, unknown> }): Record<string, unknown> | undefined {
  const attachments = z.array(cardSchema).safeParse(activity.body['attachments']);
  const card = attachments.data?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  return z.record(z.string(), z.unknown()).safeParse(card).data;
}

/** Every Action.Submit's data in a card, and every choice of its menus (with the data their button sends). */
export function clickData(card: unknown): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const menus = new Map<string, string[]>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n['type'] === 'Input.ChoiceSet' && typeof n['id'] === 'string') menus.set(n['id'], z.array(z.object({ value: z.string() })).parse(n['choices']).map((c) => c.value));
    if (n['type'] === 'Action.Submit' && typeof n['data'] === 'object' && n['data'] !== null) found.push(n['data'] as Record<string, unknown>);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return found.flatMap((data) => {
    const menu = data['menu'];
    if (typeof menu !== 'string') return [data];
    return (menus.get(menu) ?? []).map((value) => ({ ...data, [menu]: value }));
  });
}

/** The bot added to a team: Teams tells it the team's conversation (and so where to post there later). */
export function botAddedActivity(fake: FakeTeams, conversationId: string): Record<string, unknown> {
  const base = messageActivity(fake, '', { conversationId, mention: false });
  return { ...base, type: 'conversationUpdate', text: undefined, entities: undefined, membersAdded: [{ id: BOT_ID }], channelData: { eventType: 'teamMemberAdded', team: { id: TEAM_ID }, tenant: { id: TEAMS_TENANT_ID } } };
}
