import { createMessage } from '../message/message.js';
import type { CommandSpec } from './command.js';
import { commandOption } from './options.js';

export const helpCommand: CommandSpec = {
  name: 'help',
  description: 'What the bot can do, or how to use one command',
  usage: 'help [command]',
  examples: ['help', 'help compare'],
  options: [commandOption],
  run({ command }, { commands }) {
    const spec = commands.find((c) => c.name === command);
    if (spec !== undefined) {
      return createMessage({
        title: `/rivalry ${spec.usage}`,
        summary: spec.description,
        fields: spec.options.map((o) => ({ label: o.keyword === undefined ? o.name : `${o.keyword} <${o.name}>`, value: `${o.description}${o.choices ? ` (${o.choices.join(', ')})` : ''}` })),
        context: spec.examples.map((e) => `Example: /rivalry ${e}`),
        visibility: 'private',
        fallbackText: `/rivalry ${spec.usage}: ${spec.description}`,
      });
    }
    return createMessage({
      title: 'rivalry-bot',
      summary: 'Tracks business rivalries: who leads, by how much, since when, and how fast the gap moves. Every figure comes with its period and source.',
      fields: commands.map((c) => ({ label: `/rivalry ${c.usage}`, value: c.description })),
      context: ['More on one command: /rivalry help <command>', 'Words can come in any order; the rivalry can be left out when only one is tracked.'],
      visibility: 'private',
      fallbackText: `Commands: ${commands.map((c) => c.name).join(', ')}. Try /rivalry help compare.`,
    });
  },
};
