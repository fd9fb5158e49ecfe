import type { CommandContext } from '../core/commands/command.js';
import { COMMANDS } from '../core/commands/index.js';
import type { RivalryCatalog } from '../core/data/catalog.js';

export function commandContext(catalog: RivalryCatalog): CommandContext {
  return { catalog, commands: COMMANDS };
}
