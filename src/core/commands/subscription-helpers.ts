import type { Origin } from '../inbound.js';
import { errorMessage, type Message } from '../message/message.js';
import type { ChannelRef, SubscriptionService } from '../subscriptions/subscription-service.js';
import type { CommandContext } from './command.js';

/** The channel a subscription command is about, and the service to change it, or the message that says why not. */
export function channelContext(context: CommandContext, otherChannel?: string): { ok: true; channel: ChannelRef; origin: Origin; service: SubscriptionService } | { ok: false; message: Message } {
  const { origin, subscriptions } = context;
  if (subscriptions === undefined) {
    return { ok: false, message: errorMessage('Subscriptions are not available here', 'This bot runs without its database, so channels cannot subscribe. Use `rivalry-bot serve` or `console`.') };
  }
  if (origin?.workspaceId === undefined || origin.channelId === undefined) {
    return { ok: false, message: errorMessage('Not in a channel', 'Subscriptions belong to a channel of a workspace or server: run this command there, not in a direct message.') };
  }
  // Another channel is always one of the asker's own workspace: subscriptions are keyed by it.
  return { ok: true, channel: { platform: origin.platform, workspaceId: origin.workspaceId, channelId: otherChannel ?? origin.channelId }, origin, service: subscriptions };
}
