import { createMessage, errorMessage } from '../message/message.js';
import type { CommandSpec } from './command.js';
import { rivalryOption } from './options.js';
import { channelContext } from './subscription-helpers.js';

export const unsubscribeCommand: CommandSpec = {
  name: 'unsubscribe',
  description: 'Stop posting this rivalry to this channel',
  usage: 'unsubscribe [rivalry]',
  examples: ['unsubscribe amazon-vs-walmart'],
  options: [rivalryOption],
  permission: 'manage-channel',
  async run({ rivalry }, context) {
    const where = channelContext(context);
    if (!where.ok) return where.message;
    if (rivalry === undefined) return errorMessage('Which rivalry?', 'Name the rivalry to unsubscribe from.');
    const removed = await where.service.unsubscribe(where.channel, rivalry.slug);
    if (!removed) return errorMessage('Not subscribed', `This channel has no subscription to ${rivalry.slug}. See /rivalry subscriptions.`);
    const summary = `Unsubscribed: this channel no longer gets ${rivalry.title}.`;
    return createMessage({ title: `Unsubscribed: ${rivalry.title}`, summary, fallbackText: summary });
  },
};
