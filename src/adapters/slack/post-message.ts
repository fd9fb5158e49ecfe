import type { App } from '@slack/bolt';
import type { Message } from '../../core/message/message.js';
import { renderBlockKit } from './render-block-kit.js';

export type PostResult = { ok: true; ts: string } | { ok: false; retryable: boolean; reason: string };

/** Slack errors that will not go away by retrying, in words an admin can act on. */
const PERMANENT: Record<string, string> = {
  channel_not_found: 'the channel does not exist or the app cannot see it',
  not_in_channel: 'the app is not a member of the channel: invite it with /invite @rivalry-bot',
  is_archived: 'the channel is archived',
  invalid_auth: 'the bot token is invalid',
  account_inactive: 'the bot token belongs to a deactivated app or user',
  token_revoked: 'the bot token was revoked (app uninstalled?)',
  missing_scope: 'the app lacks a scope it needs (reinstall it from the manifest)',
  msg_too_long: 'the message is too long',
  invalid_blocks: 'Slack rejected the message layout',
};

/**
 * Posts to a channel with chat.postMessage. 429s are retried inside the Web API client (Retry-After,
 * bounded); what still fails comes back as a result, never a throw.
 */
export async function postMessage(app: App, channel: string, message: Message): Promise<PostResult> {
  try {
    const response = await app.client.chat.postMessage({ channel, ...renderBlockKit(message) });
    return { ok: true, ts: response.ts ?? '' };
  } catch (error) {
    const code = (error as { data?: { error?: string }; code?: string }).data?.error ?? (error as { code?: string }).code ?? 'unknown_error';
    const permanent = PERMANENT[code];
    if (permanent !== undefined) return { ok: false, retryable: false, reason: `${code}: ${permanent}` };
    return { ok: false, retryable: true, reason: `${code}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
