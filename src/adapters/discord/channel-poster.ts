import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError, REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { ChannelPoster, PostOutcome } from '../../core/delivery/channel-poster.js';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import { withAttachments } from './attachments.js';
import { replyFor } from './reply-for.js';

/** Discord error codes that retrying will not fix, in words an admin can act on. */
const PERMANENT: Record<number, string> = {
  10003: 'the channel does not exist (deleted?)',
  50001: 'the bot cannot see the channel: give it View Channel there',
  50013: 'the bot lacks permission to post there: give it Send Messages and Embed Links',
};

export interface DiscordPosterOptions {
  token: string;
  apiUrl?: string;
  globalRatePerSecond?: number;
  timeoutMs?: number;
  renderChart?: ChartRenderer;
}

/** Discord nonces are at most 25 characters: a stable digest of the idempotency key. */
export function nonceFor(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 25);
}

function outcomeOf(error: unknown): PostOutcome {
  if (error instanceof RateLimitError) return { kind: 'retry-after', ms: Math.max(error.retryAfter, 100), scope: error.global ? 'global' : 'channel', reason: `rate limited on ${error.route}` };
  if (error instanceof DiscordAPIError) {
    const permanent = PERMANENT[Number(error.code)];
    if (permanent !== undefined || error.status === 403 || error.status === 404) return { kind: 'rejected', reason: `${error.status} ${error.code}: ${permanent ?? error.message}` };
    return { kind: 'transient', reason: `${error.status} ${error.code}: ${error.message}` };
  }
  if (error instanceof HTTPError) return { kind: 'transient', reason: `HTTP ${error.status}` };
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
}

/**
 * Posts for the outbox. The idempotency key goes out as the message nonce with enforce_nonce, so
 * Discord itself drops a duplicate of a post that got through before a crash. Rate limits come back
 * to the outbox instead of being slept on here.
 */
export function createDiscordPoster(options: DiscordPosterOptions): ChannelPoster {
  const rest = new REST({ retries: 0, rejectOnRateLimit: () => true, timeout: options.timeoutMs ?? 15_000, ...(options.apiUrl === undefined ? {} : { api: options.apiUrl }) }).setToken(options.token);
  return {
    platform: 'discord',
    perChannelIntervalMs: 250,
    globalRatePerSecond: options.globalRatePerSecond ?? 40,
    async post(channelId, message, { idempotencyKey }) {
      try {
        // Channels have no ephemeral messages; a chart goes as a multipart attachment.
        const { flags: _ephemeral, files, ...reply } = await replyFor(message, options.renderChart);
        const { body, files: multipart } = withAttachments({ ...reply, nonce: nonceFor(idempotencyKey), enforce_nonce: true }, files);
        await rest.post(Routes.channelMessages(channelId), { body, ...(multipart === undefined ? {} : { files: multipart }) });
        return { kind: 'ok' };
      } catch (error) {
        return outcomeOf(error);
      }
    },
  };
}
