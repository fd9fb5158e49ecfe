import type { APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { CommandSpec } from '../../core/commands/command.js';
import type { AutocompleteHandler, Choice, CommandHandler, FormHandler } from '../../core/inbound.js';
import type { ActionEffect } from '../../core/message/actions.js';
import type { Visibility } from '../../core/message/message.js';
import type { DiscordReply } from './render-embeds.js';

export interface InteractionDeps {
  handle: CommandHandler;
  complete: AutocompleteHandler;
  /** The subscribe form; without it (no store behind the bot) a form button explains the command to type. */
  forms?: FormHandler;
  commands: readonly CommandSpec[];
  logger: Logger;
  /** Draws charts; without it, replies carry no image. */
  renderChart?: ChartRenderer;
}

/** What opening a form gives: the modal to show, or a message instead (a refusal, a stale button). */
export type ModalAnswer = { kind: 'modal'; modal: APIModalInteractionResponseCallbackData } | { kind: 'reply'; reply: DiscordReply };

/** What an interaction asks of us, before any transport-specific answer. */
export type Routed =
  | { kind: 'pong' }
  /**
   * A reply: to a slash command, a click or a form. `effect` update: it replaces the message clicked
   * on; `visibilityHint`: whether a deferral should already be ephemeral.
   */
  | { kind: 'message'; effect: ActionEffect; visibilityHint: Visibility; reply: () => Promise<DiscordReply> }
  /** A form button: a modal can only be the first answer, so `late` is what to say when opening it took too long. */
  | { kind: 'modal'; open: () => Promise<ModalAnswer>; late: () => Promise<DiscordReply> }
  | { kind: 'autocomplete'; choices: () => Promise<Choice[]> }
  | { kind: 'unsupported' };

/** Commands whose replies are only for the asker, so a deferral can already be ephemeral. */
export const PRIVATE_COMMANDS: ReadonlySet<string> = new Set(['help', 'list', 'subscriptions', 'digest']);
