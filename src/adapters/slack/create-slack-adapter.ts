import { App, HTTPReceiver } from '@slack/bolt';
import type { AdapterCapabilities, AdapterDeps, ChatAdapter } from '../contract.js';
import { boltLogger } from './bolt-logger.js';
import { createSlackPoster } from './channel-poster.js';
import { SLACK_LIMITS } from './limits.js';
import { installationStore, botTokenFor } from './installation-store.js';
import { register as registerAppHomeOpened } from './listeners/app-home-opened.js';
import { register as registerBlockActions } from './listeners/block-actions.js';
import { register as registerFormRefresh } from './listeners/form-refresh.js';
import type { InteractionDeps } from './listeners/interaction-deps.js';
import { register as registerSlashCommand } from './listeners/slash-command.js';
import { register as registerUninstall } from './listeners/uninstall.js';
import { register as registerViewSubmission } from './listeners/view-submission.js';
import { renderBlockKit, type SlackPayload } from './render-block-kit.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export const SLACK_CAPABILITIES: AdapterCapabilities = {
  ephemeral: true,
  edits: true,
  files: true,
  richLayout: true,
  maxMessageChars: SLACK_LIMITS.totalBlockChars,
  idempotentPosts: true,
};

export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';
export const SLACK_BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'files:write', 'users:read', 'channels:history', 'groups:history'];

export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth state, so a callback can't be forged or replayed into another browser. */
  stateSecret: string;
}

export interface SlackAdapterOptions extends Partial<Pick<AdapterDeps, 'complete' | 'commands' | 'renderChart' | 'installations' | 'forms' | 'home'>>, Pick<AdapterDeps, 'handle' | 'logger'> {
  /** Single-workspace mode. */
  botToken?: string;
  /** Distribution to many workspaces (needs `installations`). */
  oauth?: SlackOAuthOptions;
  /** HTTP mode: every request's signature is checked with it before anything else runs. */
  signingSecret?: string;
  /** Socket Mode (xapp- token): no public URL needed. */
  appToken?: string;
  /** Web API base URL, e.g. a local fake in tests or a proxy. Must end with "/api/". */
  apiUrl?: string;
  /** User ids allowed to manage subscriptions besides workspace admins and owners. */
  admins?: readonly string[];
  /** Channel posts per second (digests, alerts). */
  globalRatePerSecond?: number;
}

export interface SlackAdapter extends ChatAdapter<SlackPayload> {
  app: App;
  mode: 'http' | 'socket';
}

/**
 * Slack through Bolt: HTTP (Bolt's receiver mounted on the bot's server at /slack/events) or Socket
 * Mode, the same listeners in both. The token is checked with auth.test before this returns, so a bad
 * token fails at start-up with Slack's own error rather than on the first command.
 */
export async function createSlackAdapter(options: SlackAdapterOptions): Promise<SlackAdapter> {
  const logger = boltLogger(options.logger);
  const clientOptions = {
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
    // Rate-limited calls wait for Retry-After and retry, a bounded number of times.
    rejectRateLimitedCalls: false,
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 10_000 },
  };
  const socket = options.appToken !== undefined;
  if (!socket && options.signingSecret === undefined) throw new Error('SLACK_SIGNING_SECRET is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  const { oauth, installations } = options;
  if (oauth !== undefined && installations === undefined) throw new Error('Slack OAuth needs a database for installations');
  const oauthReceiverOptions =
    oauth === undefined || installations === undefined
      ? {}
      : {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          scopes: SLACK_BOT_SCOPES,
          installationStore: installationStore(installations),
          installerOptions: { directInstall: true, installPath: SLACK_INSTALL_PATH, redirectUriPath: SLACK_OAUTH_REDIRECT_PATH, clientOptions: options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl } },
        };
  const receiver = socket ? undefined : new HTTPReceiver({ signingSecret: options.signingSecret ?? '', endpoints: SLACK_EVENTS_PATH, logger, processBeforeResponse: false, ...oauthReceiverOptions });
  const token = oauth === undefined ? { token: options.botToken ?? '' } : {};
  const app = socket
    ? new App({ ...token, appToken: options.appToken ?? '', socketMode: true, logger, clientOptions, deferInitialization: true })
    : new App({ ...token, receiver, logger, clientOptions, deferInitialization: true });
  await app.init();
  const deps: InteractionDeps = {
    handle: options.handle,
    logger: options.logger,
    admins: new Set(options.admins ?? []),
    ...(options.renderChart === undefined ? {} : { renderChart: options.renderChart }),
    ...(options.forms === undefined ? {} : { forms: options.forms }),
    ...(options.home === undefined ? {} : { home: options.home }),
  };
  registerSlashCommand(app, deps);
  // Buttons and menus, the subscribe modal, the Home tab: interactivity and the app_home_opened event in the manifests.
  registerBlockActions(app, deps);
  registerViewSubmission(app, deps);
  registerFormRefresh(app, deps);
  registerAppHomeOpened(app, deps);
  if (installations !== undefined) registerUninstall(app, installations);
  return {
    platform: 'slack',
    capabilities: SLACK_CAPABILITIES,
    app,
    mode: socket ? 'socket' : 'http',
    modes: [socket ? 'Socket Mode' : `HTTP ${SLACK_EVENTS_PATH}`, ...(oauth === undefined ? [] : [`OAuth install at ${SLACK_INSTALL_PATH}`])],
    routes:
      receiver === undefined
        ? []
        : [
            { method: 'POST', path: SLACK_EVENTS_PATH, listener: receiver.requestListener },
            ...(oauth === undefined
              ? []
              : ([
                  { method: 'GET', path: SLACK_INSTALL_PATH, listener: receiver.requestListener },
                  { method: 'GET', path: SLACK_OAUTH_REDIRECT_PATH, listener: receiver.requestListener },
                ] as const)),
          ],
    render: renderBlockKit,
    poster: createSlackPoster({
      ...(options.botToken === undefined || oauth !== undefined ? {} : { token: options.botToken }),
      ...(installations === undefined ? {} : { tokenFor: (workspaceId: string) => botTokenFor(installations, workspaceId) }),
      ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }),
      ...(options.globalRatePerSecond === undefined ? {} : { globalRatePerSecond: options.globalRatePerSecond }),
      ...(options.renderChart === undefined ? {} : { renderChart: options.renderChart }),
    }),
    start: async () => {
      if (socket) await app.start();
    },
    stop: async () => {
      if (socket) await app.stop();
    },
  };
}
