import { PUBLIC, withOverrides } from '@microsoft/teams.api';
import { App } from '@microsoft/teams.apps';
import type { AdapterCapabilities, AdapterDeps, ChatAdapter } from '../contract.js';
import { BotToken } from './bot-token.js';
import { createTeamsPoster } from './channel-poster.js';
import { onCardAction } from './click-handler.js';
import { Connector } from './connector.js';
import { ConversationRefs } from './conversation-refs.js';
import { onMessage } from './message-handler.js';
import { MessagingRoute } from './messaging-route.js';
import { type CardActivity, renderTeamsActivity } from './render-activity.js';
import { sdkLogger } from './sdk-logger.js';
import { checkSigningKeys } from './signing-keys.js';
import { beginTurn, type InboundDeps } from './turn.js';

/** The messaging endpoint configured in the Azure Bot resource. */
export const TEAMS_MESSAGING_PATH = '/api/messages';

export const TEAMS_CAPABILITIES: AdapterCapabilities = {
  // A bot's message is seen by the whole conversation; only a click's answer reaches the clicker alone.
  ephemeral: false,
  edits: true,
  files: true,
  richLayout: true,
  /** Roughly what a card's text may hold within the ~28 KB a message may take; `render` enforces the bytes. */
  maxMessageChars: 20_000,
  idempotentPosts: false,
};

export interface TeamsAdapterOptions extends AdapterDeps {
  /** The bot's Microsoft App ID (the audience every inbound token must name). */
  clientId: string;
  clientSecret: string;
  /** Single-tenant bots: the tenant the bot's outbound token comes from. */
  tenantId: string;
  /** RIVALRY_ADMINS: may manage subscriptions in any conversation. */
  admins?: readonly string[];
  /** Sovereign clouds and tests; default the public cloud's. */
  openIdMetadataUrl?: string;
  tokenIssuer?: string;
  loginUrl?: string;
  globalRatePerSecond?: number;
  /** A reply not ready this soon is acknowledged at once and delivered when it is (default 2 s). */
  acknowledgeAfterMs?: number;
}

/**
 * Microsoft Teams through the Teams SDK: its App verifies every request to POST /api/messages (the
 * Bot Framework JWT: signature against the signing keys, issuer, audience = our app id, `serviceurl`
 * = the activity's serviceUrl, 5 minutes of clock skew) and routes it; mentions of the bot run as
 * text commands, card clicks as actions of the clicker; answers are Adaptive Cards sent through the
 * SDK's API client to the activity's service URL. Conversation references learned on the way make
 * digests and alerts possible.
 */
export async function createTeamsAdapter(options: TeamsAdapterOptions): Promise<ChatAdapter<CardActivity>> {
  const log = options.logger.child({ platform: 'teams' });
  const sdkLog = sdkLogger(log);
  const cloud = withOverrides(PUBLIC, {
    ...(options.openIdMetadataUrl === undefined ? {} : { openIdMetadataUrl: options.openIdMetadataUrl }),
    ...(options.tokenIssuer === undefined ? {} : { tokenIssuer: options.tokenIssuer }),
    ...(options.loginUrl === undefined ? {} : { loginEndpoint: options.loginUrl }),
  });
  const token = new BotToken({ clientId: options.clientId, clientSecret: options.clientSecret, tenantId: options.tenantId, loginUrl: cloud.loginEndpoint, scope: cloud.botScope });
  const connector = new Connector({ token: () => token.get(), logger: sdkLog });
  const refs = new ConversationRefs(options.installations);
  const deps: InboundDeps = {
    handle: options.handle,
    connector,
    refs,
    admins: new Set(options.admins ?? []),
    log,
    acknowledgeAfterMs: options.acknowledgeAfterMs ?? 2000,
    ...(options.renderChart === undefined ? {} : { renderChart: options.renderChart }),
  };

  const messaging = new MessagingRoute(TEAMS_MESSAGING_PATH);
  const app = new App({
    clientId: options.clientId,
    tenantId: options.tenantId,
    // Outbound tokens come from `token`. An empty secret keeps the SDK off MSAL, and off CLIENT_SECRET
    // in the environment, which it would read (and prefer) otherwise.
    clientSecret: '',
    token: () => token.get(),
    cloud,
    httpServerAdapter: messaging,
    messagingEndpoint: TEAMS_MESSAGING_PATH,
    // Said explicitly: the SDK would otherwise read DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS from the environment.
    dangerouslyAllowUnauthenticatedRequests: false,
    logger: sdkLog,
  });
  app.on('message', async ({ activity }) => onMessage(deps, activity));
  app.on('card.action', async ({ activity }) => onCardAction(deps, activity));
  // The bot added to a team or chat: its conversation is known from then on, before anyone asks.
  app.on('conversationUpdate', async ({ activity }) => void (await beginTurn(deps, activity)));
  app.on('installationUpdate', async ({ activity }) => void (await beginTurn(deps, activity)));
  // Registers the messaging endpoint on `messaging` and builds the token validator; no network yet.
  await app.initialize();

  return {
    platform: 'teams',
    capabilities: TEAMS_CAPABILITIES,
    modes: [`webhook ${TEAMS_MESSAGING_PATH}`],
    routes: [{ method: 'POST', path: TEAMS_MESSAGING_PATH, listener: messaging.listener }],
    render: renderTeamsActivity,
    poster: createTeamsPoster({ connector, refs, log, ...(options.renderChart === undefined ? {} : { renderChart: options.renderChart }), ...(options.globalRatePerSecond === undefined ? {} : { globalRatePerSecond: options.globalRatePerSecond }) }),
    start: () => checkSigningKeys(cloud.openIdMetadataUrl, cloud.tokenIssuer, log),
    stop: async () => undefined,
  };
}
