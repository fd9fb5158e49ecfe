import type { Logger } from 'pino';
import type { ChartRenderer } from '../../../core/charts/chart-data.js';
import type { CommandHandler, FormHandler, HomeHandler } from '../../../core/inbound.js';

/** What the click, form and home listeners need from the core. */
export interface InteractionDeps {
  handle: CommandHandler;
  /** Absent without a store: a form button then answers with the command to type. */
  forms?: FormHandler;
  home?: HomeHandler;
  logger: Logger;
  /** User ids allowed to manage subscriptions besides workspace admins and owners. */
  admins: ReadonlySet<string>;
  renderChart?: ChartRenderer;
}
