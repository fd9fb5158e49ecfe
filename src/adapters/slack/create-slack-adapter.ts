import type { RequestListener } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { CommandHandler } from '../../core/inbound.js';
import { boltLogger } from './bolt-logger.js';
import { register as registerSlashCommand } from './listeners/slash-command.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAdapterOptions {
  botToken: string;
  /** HTTP mode: every request's signature is checked with it before anything else runs. */
  signingSecret?: string;
  /** Socket Mode (xapp- token): no public URL needed. */
  appToken?: string;
  /** Web API base URL, e.g. a local fake in tests or a proxy. Must end with "/api/". */
  apiUrl?: string;
  handle: CommandHandler;
  logger: Logger;
  /** User ids allowed to manage subscriptions besides workspace admins and owners. */
  admins?: readonly string[];
  renderChart?: ChartRenderer;
}

export interface SlackAdapter {
  app: App;
  mode: 'http' | 'socket';
  /** HTTP mode: mount on the shared server at SLACK_EVENTS_PATH. */
  requestListener?: RequestListener;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The same listeners in both modes; only the transport differs. */
function registerListeners(app: App, options: SlackAdapterOptions): void {
  registerSlashCommand(app, { handle: options.handle, logger: options.logger, admins: new Set(options.admins ?? []), ...(options.renderChart === undefined ? {} : { renderChart: options.renderChart }) });
}

/**
 * Builds the Bolt app and checks the token with auth.test before returning, so a bad token fails at
 * start-up with Slack's own error rather than on the first command.
 */
export async function createSlackAdapter(options: SlackAdapterOptions): Promise<SlackAdapter> {
  const logger = boltLogger(options.logger);
  const clientOptions = {
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
    // Rate-limited calls wait for Retry-After and retry, a bounded number of times.
    rejectRateLimitedCalls: false,
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 10_000 },
  };
  if (options.appToken !== undefined) {
    const app = new App({ token: options.botToken, appToken: options.appToken, socketMode: true, logger, clientOptions, deferInitialization: true });
    await app.init();
    registerListeners(app, options);
    return {
      app,
      mode: 'socket',
      start: async () => {
        await app.start();
      },
      stop: async () => {
        await app.stop();
      },
    };
  }
  if (options.signingSecret === undefined) throw new Error('SLACK_SIGNING_SECRET is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  const receiver = new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: SLACK_EVENTS_PATH, logger, processBeforeResponse: false });
  const app = new App({ token: options.botToken, receiver, logger, clientOptions, deferInitialization: true });
  await app.init();
  registerListeners(app, options);
  return { app, mode: 'http', requestListener: receiver.requestListener, start: async () => undefined, stop: async () => undefined };
}
