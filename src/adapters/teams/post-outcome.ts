import { z } from 'zod';
import type { PostOutcome } from '../../core/delivery/channel-poster.js';

/** The SDK's HTTP errors (axios): a status and headers when the connector answered, a code when it did not. */
const httpErrorSchema = z.object({
  response: z
    .object({
      status: z.number().int(),
      // axios gives an AxiosHeaders instance (names lower-cased), not a plain record.
      headers: z.object({ 'retry-after': z.union([z.string(), z.number()]).optional() }).optional(),
      data: z.unknown().optional(),
    })
    .optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

/** Teams does not always say how long to wait after a 429; Microsoft asks for an exponential back-off from about a second. */
const DEFAULT_RETRY_MS = 2000;

/** The connector's own error code ("ConversationNotFound", "BotNotInConversationRoster"), when it gave one. */
function connectorCode(data: unknown): string | undefined {
  const parsed = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) }).safeParse(data);
  return parsed.success ? [parsed.data.error.code, parsed.data.error.message].filter((s) => s !== undefined).join(': ') : undefined;
}

/** Retry-After in seconds (or an HTTP date), as milliseconds. */
function retryAfterMs(header: string | number | undefined, now: number): number {
  if (header === undefined) return DEFAULT_RETRY_MS;
  const value = String(header);
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1000, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? DEFAULT_RETRY_MS : Math.max(1000, at - now);
}

/**
 * A failed connector call in the outbox's terms: 429 → retry after what Teams asked; 403 (the bot was
 * removed, or blocked) and 404 (the conversation is gone) → rejected, never to be retried; anything
 * else (5xx, timeouts, resets, our own token failing) → transient, retried with back-off.
 */
export function outcomeOf(error: unknown, now = Date.now()): PostOutcome {
  const parsed = httpErrorSchema.safeParse(error);
  const message = error instanceof Error ? error.message : String(error);
  const response = parsed.success ? parsed.data.response : undefined;
  if (response === undefined) return { kind: 'transient', reason: parsed.success && parsed.data.code !== undefined ? `${parsed.data.code}: ${message}` : message };
  const code = connectorCode(response.data);
  const reason = code === undefined ? `${response.status}` : `${response.status} ${code}`;
  if (response.status === 429) return { kind: 'retry-after', ms: retryAfterMs(response.headers?.['retry-after'], now), scope: 'channel', reason };
  if (response.status === 403 || response.status === 404) return { kind: 'rejected', reason };
  return { kind: 'transient', reason };
}

/** The HTTP status of a failed connector call, if it got that far. */
export const statusOf = (error: unknown): number | undefined => httpErrorSchema.safeParse(error).data?.response?.status;
