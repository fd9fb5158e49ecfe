import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandBasicOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandSpec, OptionSpec } from '../../core/commands/command.js';

export const ROOT_COMMAND = 'rivalry';
/** Discord caps descriptions at 100 characters. */
const desc = (text: string) => (text.length <= 100 ? text : `${text.slice(0, 99)}…`);

function option(spec: OptionSpec, commands: readonly CommandSpec[]): APIApplicationCommandBasicOption {
  const base = { name: spec.name, description: desc(spec.description), required: spec.required };
  if (spec.type === 'integer') {
    return { ...base, type: ApplicationCommandOptionType.Integer, ...(spec.min === undefined ? {} : { min_value: spec.min }), ...(spec.max === undefined ? {} : { max_value: spec.max }) };
  }
  // The help command's "command" option lists the commands themselves.
  const choices = spec.name === 'command' ? commands.map((c) => c.name) : spec.choices;
  if (choices !== undefined) return { ...base, type: ApplicationCommandOptionType.String, choices: choices.map((c) => ({ name: c, value: c })) };
  return { ...base, type: ApplicationCommandOptionType.String, ...(spec.autocomplete === undefined ? {} : { autocomplete: true }) };
}

/**
 * One /rivalry command with a subcommand per core command, generated from the same specs the text
 * parser uses, so Discord's menus never drift from what the bot understands.
 */
export function commandDefinitions(commands: readonly CommandSpec[]): RESTPutAPIApplicationCommandsJSONBody {
  return [
    {
      name: ROOT_COMMAND,
      description: 'Business rivalries: who leads, by how much, since when',
      type: ApplicationCommandType.ChatInput,
      options: commands.map((c) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: c.name,
        description: desc(c.description),
        // Discord wants required options first.
        options: [...c.options].sort((a, b) => Number(b.required) - Number(a.required)).map((o) => option(o, commands)),
      })),
    },
  ];
}
