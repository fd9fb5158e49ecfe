import type { Logger } from 'pino';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { ChannelPoster } from '../../core/delivery/channel-poster.js';
import type { Connector } from './connector.js';
import type { ConversationRefs } from './conversation-refs.js';
import { outcomeOf } from './post-outcome.js';
import { sendReply } from './send-reply.js';

export interface TeamsPosterOptions {
  connector: Connector;
  refs: ConversationRefs;
  log: Logger;
  renderChart?: ChartRenderer;
  globalRatePerSecond?: number;
}

/**
 * Digests and alerts for the outbox, posted as new cards in the conversation a subscription was made
 * in, through the reference (service URL, conversation, tenant) the adapter stored when it first
 * heard from that conversation.
 *
 * The connector takes no idempotency key and the bot cannot read a channel's history without Graph
 * permissions, so a post cannot be checked after a crash: an item that was in flight when the
 * process died (the outbox marks it uncertain) is posted again, and the channel may see it twice.
 * That is the outbox's at-least-once fallback, as for Telegram; `idempotentPosts` is false.
 */
export function createTeamsPoster(options: TeamsPosterOptions): ChannelPoster {
  return {
    platform: 'teams',
    // Teams allows a bot 1,800 messages an hour in one conversation (and short bursts of 7 a second).
    perChannelIntervalMs: 2000,
    // Its limit across conversations is per app and tenant (50 a second): the tenant is the workspace.
    rateScope: 'workspace',
    globalRatePerSecond: options.globalRatePerSecond ?? 20,
    async post(channelId, message) {
      let ref;
      try {
        ref = await options.refs.find(channelId);
      } catch (error) {
        return { kind: 'transient', reason: `conversation reference unavailable: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (ref === undefined) return { kind: 'rejected', reason: 'no conversation reference: the bot has never heard from this conversation' };
      try {
        await sendReply({ connector: options.connector, log: options.log, ...(options.renderChart === undefined ? {} : { renderChart: options.renderChart }) }, { serviceUrl: ref.serviceUrl, conversationId: ref.conversationId }, message);
        return { kind: 'ok' };
      } catch (error) {
        return outcomeOf(error);
      }
    },
  };
}
