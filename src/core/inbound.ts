import type { RawArgs } from './commands/command.js';
import type { Message } from './message/message.js';
import type { FormId } from './message/actions.js';
import type { FormResult, FormSpec, FormValues } from './forms/form.js';

/** Where a command came from: enough to reply, to authorise and to find it in the logs. */
export interface Origin {
  /** "slack", "discord", "console", … */
  platform: string;
  /** Slack team, Discord guild. */
  workspaceId?: string;
  channelId?: string;
  userId?: string;
  /** Correlates the request's log lines. */
  requestId: string;
  /** Whether the person may manage this channel (Slack: workspace admin; Discord: Manage Channels). Asked only when a command needs it. */
  canManageChannel?: () => Promise<boolean>;
  /** The workspace's or guild's time zone, when the platform tells us; schedules default to it. */
  timeZone?: string;
  /** The asker's own time zone (Slack profile), looked up only when a schedule needs a default zone. */
  askerTimeZone?: () => Promise<string | undefined>;
}

/**
 * A command as an adapter hands it to the core: typed text, options a platform already split, or a
 * click on a button or menu (its payload as the platform returned it: decoded, re-validated and
 * re-authorised for the person who clicked).
 */
export type InboundCommand =
  | { kind: 'text'; text: string; origin: Origin }
  | { kind: 'structured'; name: string; options: RawArgs; origin: Origin }
  | { kind: 'action'; payload: string; origin: Origin };

/** What every adapter calls. Never rejects: failures come back as an error message. */
export type CommandHandler = (command: InboundCommand) => Promise<Message>;

/** An option value being typed, for platforms that offer suggestions as you type. */
export interface AutocompleteRequest {
  option: string;
  /** What has been typed so far. */
  partial: string;
  /** Other options already chosen (e.g. the rivalry, to suggest its metrics). */
  selected: RawArgs;
  origin: Origin;
}

export interface Choice {
  name: string;
  value: string;
}

export type AutocompleteHandler = (request: AutocompleteRequest) => Promise<Choice[]>;

/** The bot's home for the person in `origin` (Slack's App Home). */
export type HomeHandler = (origin: Origin) => Promise<Message>;

/** Forms (modals) for platforms that have them: the form a click opens, and what a submission does. */
export interface FormHandler {
  /** The form behind a click's payload, pre-filled for this person; a message when the click is stale or not allowed. */
  open(payload: string, origin: Origin): Promise<FormSpec | Message>;
  submit(form: FormId, values: FormValues, origin: Origin): Promise<FormResult>;
  /** The open form redrawn after a field that `refreshes` changed, keeping what was entered that still applies. */
  refresh(form: FormId, values: FormValues, origin: Origin): Promise<FormSpec>;
}
