import { webApi, type types } from '@slack/bolt';
import type { ChannelPoster, PostOutcome } from '../../core/delivery/channel-poster.js';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { Message } from '../../core/message/message.js';
import { renderedOnce } from '../../core/message/rendered-once.js';
import { renderBlockKit } from './render-block-kit.js';
import { CHANNEL_REFUSALS, CREDENTIAL_PROBLEMS } from './errors.js';
import { uploadChart } from './upload-chart.js';


/** Metadata event that carries the idempotency key on every post, so a re-send after a crash can be detected. */
export const METADATA_EVENT = 'rivalry_bot_post';

export interface SlackPosterOptions {
  /** Single-workspace mode: the bot token. */
  token?: string;
  /** OAuth mode: the bot token of the workspace a channel belongs to. */
  tokenFor?: (workspaceId: string) => Promise<string | undefined>;
  apiUrl?: string;
  globalRatePerSecond?: number;
  /** Per request; a post that times out may still have landed, so it is retried as uncertain. */
  timeoutMs?: number;
  renderChart?: ChartRenderer;
}

/**
 * A post as rendered for chat.postMessage, its blocks already the JSON text the Web API's form body
 * carries. The client would serialise them (and walk them for its debug log) on every call; this way a
 * fan-out's digest is serialised once, not once per channel. Slack reads the same bytes either way.
 */
function renderForForm(message: Message): { text: string; blocks: types.KnownBlock[] } {
  const { text, blocks } = renderBlockKit(message);
  return { text, blocks: JSON.stringify(blocks) as unknown as types.KnownBlock[] };
}

function outcomeOf(error: unknown): PostOutcome {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number; message?: string };
  if (e.code === webApi.ErrorCode.RateLimitedError) return { kind: 'retry-after', ms: (e.retryAfter ?? 1) * 1000, scope: 'channel', reason: 'ratelimited' };
  const code = e.data?.error;
  if (code !== undefined && CHANNEL_REFUSALS[code] !== undefined) return { kind: 'rejected', reason: `${code}: ${CHANNEL_REFUSALS[code]}` };
  if (code !== undefined && CREDENTIAL_PROBLEMS[code] !== undefined) return { kind: 'transient', reason: `${code}: ${CREDENTIAL_PROBLEMS[code]}` };
  return { kind: 'transient', reason: code ?? (e.statusCode === undefined ? (e.message ?? 'request failed') : `HTTP ${e.statusCode}`) };
}

/**
 * Posts for the outbox. The client neither retries nor sleeps on 429: the outbox owns pacing and
 * retries, so one slow channel never blocks the rest.
 */
export function createSlackPoster(options: SlackPosterOptions): ChannelPoster {
  const render = renderedOnce(renderForForm);
  const client = new webApi.WebClient(undefined, {
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
    rejectRateLimitedCalls: true,
    // Failures are reported as outcomes and logged by the outbox; the client's own warnings would repeat them.
    logLevel: webApi.LogLevel.ERROR,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? 15_000,
  });

  /** After a crash mid-send: did the post already land? Looks for our metadata key in the channel's recent history. */
  const alreadyPosted = async (token: string, channel: string, key: string, queuedAt: number): Promise<boolean> => {
    const history = await client.conversations.history({ token, channel, oldest: String(Math.floor(queuedAt / 1000) - 60), include_all_metadata: true, limit: 200 });
    return (history.messages ?? []).some((m) => (m.metadata as { event_payload?: { idempotency_key?: string } } | undefined)?.event_payload?.idempotency_key === key);
  };

  return {
    platform: 'slack',
    perChannelIntervalMs: 1000,
    rateScope: 'workspace',
    globalRatePerSecond: options.globalRatePerSecond ?? 20,
    async post(channel, message, { idempotencyKey, uncertain, queuedAt, workspaceId }) {
      try {
        const token = options.token ?? (workspaceId === undefined ? undefined : await options.tokenFor?.(workspaceId));
        if (token === undefined) return { kind: 'rejected', reason: `no installation for workspace ${workspaceId ?? '?'}: reinstall the app there` };
        if (uncertain && (await alreadyPosted(token, channel, idempotencyKey, queuedAt))) return { kind: 'ok' };
        await client.chat.postMessage({ token, channel, ...render(message), metadata: { event_type: METADATA_EVENT, event_payload: { idempotency_key: idempotencyKey } } });
        // The chart follows as a file. Best effort: the post itself is what must arrive exactly once.
        if (message.chart !== undefined && options.renderChart !== undefined) await uploadChart(client, channel, message, options.renderChart, token);
        return { kind: 'ok' };
      } catch (error) {
        return outcomeOf(error);
      }
    },
  };
}
