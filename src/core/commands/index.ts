import type { CommandSpec } from './command.js';
import { compareCommand } from './compare.js';
import { factsCommand } from './facts.js';
import { helpCommand } from './help.js';
import { historyCommand } from './history.js';
import { listCommand } from './list.js';
import { milestonesCommand } from './milestones.js';

/** Every command, in the order help lists them. Adding one = one file plus one line here. */
export const COMMANDS: readonly CommandSpec[] = [compareCommand, historyCommand, milestonesCommand, factsCommand, listCommand, helpCommand];
