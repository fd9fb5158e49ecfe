import { DiscordAPIError, type REST } from '@discordjs/rest';
import { Routes, type RESTPostAPIChannelMessageResult } from 'discord-api-types/v10';
import type { Message } from '../../core/message/message.js';
import { renderEmbeds } from './render-embeds.js';

export type PostResult = { ok: true; id: string } | { ok: false; retryable: boolean; reason: string };

/** Discord error codes that retrying will not fix, in words an admin can act on. */
const PERMANENT: Record<number, string> = {
  10003: 'the channel does not exist (deleted?)',
  50001: 'the bot cannot see the channel: give it View Channel there',
  50013: 'the bot lacks permission to post there: give it Send Messages and Embed Links',
  50035: 'Discord rejected the message as invalid',
};

/**
 * Posts to a channel. 429s are waited out inside @discordjs/rest (reset/Retry-After, with bounded
 * retries for 5xx); what still fails comes back as a result, never a throw.
 */
export async function postMessage(rest: REST, channelId: string, message: Message): Promise<PostResult> {
  const { flags: _ephemeralMakesNoSenseInChannels, ...body } = renderEmbeds(message);
  try {
    const sent = (await rest.post(Routes.channelMessages(channelId), { body })) as RESTPostAPIChannelMessageResult;
    return { ok: true, id: sent.id };
  } catch (error) {
    if (error instanceof DiscordAPIError) {
      const permanent = PERMANENT[Number(error.code)];
      if (permanent !== undefined || error.status === 403 || error.status === 404) {
        return { ok: false, retryable: false, reason: `${error.status} ${error.code}: ${permanent ?? error.message}` };
      }
      return { ok: false, retryable: error.status >= 500 || error.status === 429, reason: `${error.status} ${error.code}: ${error.message}` };
    }
    return { ok: false, retryable: true, reason: error instanceof Error ? error.message : String(error) };
  }
}
