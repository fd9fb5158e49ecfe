import type { RivalryCatalog } from '../data/catalog.js';
import type { Basis, Company, Metric, Rivalry } from '../data/schema.js';
import type { Origin } from '../inbound.js';
import type { Message } from '../message/message.js';
import type { Frequency, Weekday } from '../subscriptions/schedule.js';
import type { SubscriptionService } from '../subscriptions/subscription-service.js';
import type { TrackingService } from '../tracking/tracking-service.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { MilestoneKind } from '../milestones/milestone.js';

/** Every option any command takes (forms and click payloads name fields by them). */
export const OPTION_NAMES = [
  'rivalry', 'metric', 'basis', 'company', 'kind', 'since', 'command', 'frequency', 'weekday', 'day', 'time', 'zone',
  'alerts-only', 'with-chart', 'companies', 'slug', 'name', 'metrics', 'channel',
] as const;

export type OptionName = (typeof OPTION_NAMES)[number];

/** An option as a platform needs it to register a slash command, and as the text parser reads it. */
export interface OptionSpec {
  name: OptionName;
  description: string;
  type: 'string' | 'integer' | 'boolean';
  /** The command cannot run without it. */
  required: boolean;
  /** Word that introduces the value in text form: "since 2015". Positional when absent. */
  keyword?: string;
  /** Fixed choices, for platforms that show a menu. */
  choices?: readonly string[];
  /** Values come from the loaded data: platforms should offer autocomplete. */
  autocomplete?: 'rivalry' | 'metric' | 'company';
  min?: number;
  max?: number;
  /**
   * Text form only: "words" gathers every word no other option claims ("NVDA vs AMD"); "rest" takes
   * everything from its first word to the end ("Costco Wholesale Corporation").
   */
  collect?: 'words' | 'rest';
}

/** Arguments after validation and lookup: names are already resolved to data. */
export interface CommandArgs {
  rivalry?: Rivalry;
  metric?: Metric;
  basis: Basis;
  company?: Company;
  kind?: MilestoneKind | 'all';
  since?: number;
  command?: string;
  frequency?: Frequency;
  weekday?: Weekday;
  day?: number | 'last';
  time?: string;
  zone?: string;
  alertsOnly?: boolean;
  withChart?: boolean;
  /** Upper-case tickers, two or more, distinct. */
  tickers?: string[];
  slug?: string;
  name?: string;
  /** Metrics a subscription follows (of the rivalry given). */
  metrics?: Metric[];
  /** Another channel of the same workspace (App Home's Unsubscribe buttons). */
  channel?: string;
}

export interface CommandContext {
  catalog: RivalryCatalog;
  commands: readonly CommandSpec[];
  /** Who asked, from where: set per request by the handler. */
  origin?: Origin;
  /** Channel subscriptions; absent where no store is configured. */
  subscriptions?: SubscriptionService;
  /** Tracking rivalries from chat; absent where no store or SEC access is configured. */
  tracking?: TrackingService;
  /** Where changes are recorded; absent where no store is configured. */
  audit?: AuditLog;
  /** "Now", injectable so schedules can be tested with a fake clock. */
  now?: () => Date;
}

export interface CommandSpec {
  name: string;
  description: string;
  /** "compare [rivalry] [metric] [annual|quarterly]" */
  usage: string;
  examples: string[];
  options: OptionSpec[];
  /** Only people who may manage the channel can run it (checked before run, through the origin). */
  permission?: 'manage-channel';
  run(args: CommandArgs, context: CommandContext): Message | Promise<Message>;
}

/** Raw option values as they arrive from text or a platform payload, before validation. */
export type RawArgs = Partial<Record<OptionName, string | number | boolean>>;
