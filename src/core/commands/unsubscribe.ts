import { createMessage, errorMessage } from '../message/message.js';
import type { CommandSpec } from './command.js';
import { channelOption, rivalryOption } from './options.js';
import { channelContext } from './subscription-helpers.js';
import { recordChange } from '../audit/record-change.js';

export const unsubscribeCommand: CommandSpec = {
  name: 'unsubscribe',
  description: 'Stop posting this rivalry to this channel',
  usage: 'unsubscribe [rivalry] [channel <id>]',
  examples: ['unsubscribe amazon-vs-walmart'],
  options: [rivalryOption, channelOption],
  permission: 'manage-channel',
  async run({ rivalry, channel }, context) {
    const where = channelContext(context, channel);
    if (!where.ok) return where.message;
    if (rivalry === undefined) return errorMessage('Which rivalry?', 'Name the rivalry to unsubscribe from.');
    const removed = await where.service.unsubscribe(where.channel, rivalry.slug);
    if (removed) await recordChange(context, { action: 'unsubscribe', target: rivalry.slug, channelId: where.channel.channelId });
    const which = channel === undefined ? 'this channel' : `channel ${channel}`;
    if (!removed) return errorMessage('Not subscribed', `There is no subscription to ${rivalry.slug} in ${which}. See /rivalry subscriptions.`);
    const summary = `Unsubscribed: ${which} no longer gets ${rivalry.title}.`;
    return createMessage({ title: `Unsubscribed: ${rivalry.title}`, summary, fallbackText: summary });
  },
};
