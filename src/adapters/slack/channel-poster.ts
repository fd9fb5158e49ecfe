import { webApi } from '@slack/bolt';
import type { ChannelPoster, PostOutcome } from '../../core/delivery/channel-poster.js';
import { renderBlockKit } from './render-block-kit.js';

/** Slack errors that retrying will not fix, in words an admin can act on. */
export const PERMANENT_SLACK_ERRORS: Record<string, string> = {
  channel_not_found: 'the channel does not exist or the app cannot see it',
  not_in_channel: 'the app is not a member of the channel: invite it with /invite @rivalry-bot',
  is_archived: 'the channel is archived',
  invalid_auth: 'the bot token is invalid',
  account_inactive: 'the bot token belongs to a deactivated app or user',
  token_revoked: 'the bot token was revoked (app uninstalled?)',
  missing_scope: 'the app lacks a scope it needs (reinstall it from the manifest)',
  restricted_action: 'a workspace policy stops the app from posting there',
};

/** Metadata event that carries the idempotency key on every post, so a re-send after a crash can be detected. */
export const METADATA_EVENT = 'rivalry_bot_post';

export interface SlackPosterOptions {
  token: string;
  apiUrl?: string;
  globalRatePerSecond?: number;
  /** Per request; a post that times out may still have landed, so it is retried as uncertain. */
  timeoutMs?: number;
}

function outcomeOf(error: unknown): PostOutcome {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number; message?: string };
  if (e.code === webApi.ErrorCode.RateLimitedError) return { kind: 'retry-after', ms: (e.retryAfter ?? 1) * 1000, scope: 'channel', reason: 'ratelimited' };
  const code = e.data?.error;
  if (code !== undefined && PERMANENT_SLACK_ERRORS[code] !== undefined) return { kind: 'rejected', reason: `${code}: ${PERMANENT_SLACK_ERRORS[code]}` };
  return { kind: 'transient', reason: code ?? (e.statusCode === undefined ? (e.message ?? 'request failed') : `HTTP ${e.statusCode}`) };
}

/**
 * Posts for the outbox. The client neither retries nor sleeps on 429: the outbox owns pacing and
 * retries, so one slow channel never blocks the rest.
 */
export function createSlackPoster(options: SlackPosterOptions): ChannelPoster {
  const client = new webApi.WebClient(options.token, {
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
    rejectRateLimitedCalls: true,
    // Failures are reported as outcomes and logged by the outbox; the client's own warnings would repeat them.
    logLevel: webApi.LogLevel.ERROR,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? 15_000,
  });

  /** After a crash mid-send: did the post already land? Looks for our metadata key in the channel's recent history. */
  const alreadyPosted = async (channel: string, key: string, queuedAt: number): Promise<boolean> => {
    const history = await client.conversations.history({ channel, oldest: String(Math.floor(queuedAt / 1000) - 60), include_all_metadata: true, limit: 200 });
    return (history.messages ?? []).some((m) => (m.metadata as { event_payload?: { idempotency_key?: string } } | undefined)?.event_payload?.idempotency_key === key);
  };

  return {
    platform: 'slack',
    perChannelIntervalMs: 1000,
    globalRatePerSecond: options.globalRatePerSecond ?? 20,
    async post(channel, message, { idempotencyKey, uncertain, queuedAt }) {
      try {
        if (uncertain && (await alreadyPosted(channel, idempotencyKey, queuedAt))) return { kind: 'ok' };
        await client.chat.postMessage({ channel, ...renderBlockKit(message), metadata: { event_type: METADATA_EVENT, event_payload: { idempotency_key: idempotencyKey } } });
        return { kind: 'ok' };
      } catch (error) {
        return outcomeOf(error);
      }
    },
  };
}
