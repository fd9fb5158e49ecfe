import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Message } from '../../core/message/message.js';
import { SLACK_ERROR_HINTS } from './errors.js';
import type { ModalMetadata } from './interaction-payloads.js';
import { renderBlockKit } from './render-block-kit.js';

const reasonOf = (err: unknown) => {
  const code = (err as { data?: { error?: string } }).data?.error;
  return code === undefined ? (err instanceof Error ? err.message : String(err)) : `${code}${SLACK_ERROR_HINTS[code] === undefined ? '' : `: ${SLACK_ERROR_HINTS[code]}`}`;
};

/**
 * The answer to a submitted form, in the channel the form was opened from: posted there when public,
 * shown only to the person when private. When Slack refuses (the app is not in that private channel,
 * say), the person still hears it, through the response_url of the click that opened the form, with
 * the reason: the same refusal would stop the digests.
 */
export async function postToChannel(client: webApi.WebClient, where: ModalMetadata, userId: string, message: Message, log: Logger): Promise<void> {
  const payload = renderBlockKit(message);
  try {
    if (message.visibility === 'public') await client.chat.postMessage({ channel: where.channel, ...payload });
    else await client.chat.postEphemeral({ channel: where.channel, user: userId, ...payload });
    log.info({ severity: message.severity, visibility: message.visibility }, 'form answered');
    return;
  } catch (err) {
    const reason = reasonOf(err);
    log.warn({ reason }, 'could not post the form answer in the channel');
    if (where.responseUrl === undefined) return;
    const fallback: Message = { ...message, visibility: 'private', context: [...message.context, `Shown only to you: I could not post in this channel (${reason}).`] };
    const res = await fetch(where.responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...renderBlockKit(fallback), response_type: 'ephemeral', replace_original: false }),
    }).catch((e: unknown) => reasonOf(e));
    if (typeof res === 'string' || !res.ok) log.error({ reason: typeof res === 'string' ? res : `HTTP ${res.status}` }, 'could not answer through response_url either');
  }
}
