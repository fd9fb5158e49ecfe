import type { OptionSpec } from './command.js';
import { MILESTONE_KINDS } from '../milestones/milestone.js';

/** Option definitions shared by the commands, so every command spells and documents them alike. */

export const BASIS_WORDS: Record<string, 'annual' | 'quarter' | 'ttm'> = {
  annual: 'annual',
  annually: 'annual',
  yearly: 'annual',
  year: 'annual',
  years: 'annual',
  fy: 'annual',
  quarterly: 'quarter',
  quarter: 'quarter',
  quarters: 'quarter',
  q: 'quarter',
  ttm: 'ttm',
  ltm: 'ttm',
  trailing: 'ttm',
};

export const KIND_CHOICES = ['all', ...MILESTONE_KINDS] as const;

export const rivalryOption: OptionSpec = {
  name: 'rivalry',
  description: 'Rivalry slug, e.g. amazon-vs-walmart (optional when only one exists)',
  type: 'string',
  // Needed, but filled in when only one rivalry exists; resolve-args asks "Which rivalry?" otherwise.
  required: false,
  autocomplete: 'rivalry',
};

export const metricOption: OptionSpec = {
  name: 'metric',
  description: 'Metric, e.g. revenue (default: revenue)',
  type: 'string',
  required: false,
  autocomplete: 'metric',
};

export const basisOption: OptionSpec = {
  name: 'basis',
  description: 'Fiscal years, quarters, or trailing twelve months (default: annual)',
  type: 'string',
  required: false,
  choices: ['annual', 'quarterly', 'ttm'],
};

export const sinceOption: OptionSpec = {
  name: 'since',
  description: 'Only periods ending in or after this year',
  type: 'integer',
  required: false,
  keyword: 'since',
  min: 1900,
  max: 2100,
};

export const companyOption: OptionSpec = {
  name: 'company',
  description: 'Only facts about this company (id, name or ticker)',
  type: 'string',
  required: false,
  autocomplete: 'company',
};

export const kindOption: OptionSpec = {
  name: 'kind',
  description: 'Milestone kind, or "all" to include routine records',
  type: 'string',
  required: false,
  choices: KIND_CHOICES,
};

export const commandOption: OptionSpec = {
  name: 'command',
  description: 'Command to explain',
  type: 'string',
  required: false,
};

export const frequencyOption: OptionSpec = {
  name: 'frequency',
  description: 'How often the digest comes (default: weekly)',
  type: 'string',
  required: false,
  choices: ['daily', 'weekly', 'monthly'],
};

export const weekdayOption: OptionSpec = {
  name: 'weekday',
  description: 'Weekly digests: the day (default: monday)',
  type: 'string',
  required: false,
  choices: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
};

export const dayOption: OptionSpec = {
  name: 'day',
  description: 'Monthly digests: day of the month, 1–28, or "last"',
  type: 'string',
  required: false,
};

export const timeOption: OptionSpec = {
  name: 'time',
  description: 'Local time of the digest, HH:MM (default: 09:00)',
  type: 'string',
  required: false,
  keyword: 'at',
};

export const zoneOption: OptionSpec = {
  name: 'zone',
  description: 'IANA time zone, e.g. Europe/Berlin (default: the workspace zone or UTC)',
  type: 'string',
  required: false,
  keyword: 'tz',
};

export const alertsOnlyOption: OptionSpec = {
  name: 'alerts-only',
  description: 'Only milestone alerts, no scheduled digests',
  type: 'boolean',
  required: false,
};

export const withChartOption: OptionSpec = {
  name: 'with-chart',
  description: 'Digests include the chart',
  type: 'boolean',
  required: false,
};

export const companiesOption: OptionSpec = {
  name: 'companies',
  description: 'Tickers of the companies, e.g. "NVDA vs AMD" (two to six)',
  type: 'string',
  required: true,
  collect: 'words',
};

export const slugOption: OptionSpec = {
  name: 'slug',
  description: 'Name for the rivalry (default: the tickers, e.g. nvda-vs-amd)',
  type: 'string',
  required: false,
  keyword: 'as',
};

export const nameOption: OptionSpec = {
  name: 'name',
  description: 'The name to show for the company, e.g. "Costco"',
  type: 'string',
  required: true,
  collect: 'rest',
};

export const metricsOption: OptionSpec = {
  name: 'metrics',
  description: 'Only these metrics in digests and alerts, comma-separated, e.g. "capex,net-margin" (default: all)',
  type: 'string',
  required: false,
  keyword: 'metric',
  autocomplete: 'metric',
};

export const channelOption: OptionSpec = {
  name: 'channel',
  description: 'Another channel of this workspace, by id (default: this one)',
  type: 'string',
  required: false,
  keyword: 'channel',
};
