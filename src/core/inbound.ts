import type { RawArgs } from './commands/command.js';
import type { Message } from './message/message.js';

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

/** A command as an adapter hands it to the core: typed text, or options a platform already split. */
export type InboundCommand =
  | { kind: 'text'; text: string; origin: Origin }
  | { kind: 'structured'; name: string; options: RawArgs; origin: Origin };

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
