import { errorMessage } from '../message/message.js';
import { digestMessage } from '../subscriptions/digest-message.js';
import type { CommandSpec } from './command.js';
import { rivalryOption } from './options.js';

export const digestCommand: CommandSpec = {
  name: 'digest',
  description: 'Preview the digest a subscribed channel gets (posts nothing)',
  usage: 'digest [rivalry]',
  examples: ['digest amazon-vs-walmart'],
  options: [rivalryOption],
  run({ rivalry }) {
    if (rivalry === undefined) return errorMessage('Which rivalry?', 'Name the rivalry to preview.');
    return { ...digestMessage(rivalry, 'Digest preview'), visibility: 'private' };
  },
};
