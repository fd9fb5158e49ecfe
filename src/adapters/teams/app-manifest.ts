import type { CommandSpec } from '../../core/commands/command.js';
import { ACCENT_COLOUR } from './app-icons.js';

export const MANIFEST_SCHEMA = 'https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json';
export const MANIFEST_VERSION = '1.19';

/** Teams' manifest limits (schema v1.19). */
export const MANIFEST_LIMITS = {
  shortName: 30,
  fullName: 100,
  shortDescription: 80,
  fullDescription: 4000,
  developerName: 32,
  commandsPerList: 10,
  commandTitle: 32,
  commandDescription: 128,
} as const;

/**
 * Teams shows at most 10 commands per list, and we have more. These are the ones a newcomer reaches
 * for first (reading a rivalry, and subscribing a channel); track, untrack, rename, unsubscribe and
 * digest still work when typed and are listed by "help".
 */
export const MENU_COMMANDS = ['compare', 'scoreboard', 'history', 'chart', 'milestones', 'facts', 'list', 'subscribe', 'subscriptions', 'help'] as const;

/** Placeholders the operator must replace before publishing: Teams shows them on the app's details page. */
export const EDIT_ME = 'EDIT ME';
const PLACEHOLDER_URL = 'https://example.com/edit-me';

export interface ManifestInput {
  /** TEAMS_CLIENT_ID: the Azure Bot's Microsoft App ID, also used as the Teams app's id. */
  botId: string;
  /** The app's version (package.json): Teams wants it raised for every upload of a changed package. */
  version: string;
  commands: readonly CommandSpec[];
  /** Host name of the messaging endpoint (no scheme), when known. */
  domain?: string;
}

export interface CommandListEntry {
  title: string;
  description: string;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The command menu Teams shows after "@rivalry", in MENU_COMMANDS order, from the same specs the parser reads. */
export function commandList(commands: readonly CommandSpec[]): CommandListEntry[] {
  return MENU_COMMANDS.flatMap((name) => {
    const spec = commands.find((c) => c.name === name);
    return spec === undefined ? [] : [{ title: clip(spec.name, MANIFEST_LIMITS.commandTitle), description: clip(spec.description, MANIFEST_LIMITS.commandDescription) }];
  }).slice(0, MANIFEST_LIMITS.commandsPerList);
}

const FULL_DESCRIPTION = [
  'Rivalry compares companies that compete head to head (Amazon vs Walmart, and any pair you track) on revenue, profit and other metrics from their SEC filings.',
  'Mention @rivalry in a channel or chat, or message it directly: "compare" says who leads, by how much and since when; "history", "chart" and "milestones" show how the lead moved.',
  'Every figure comes with its period and its source filing.',
  'Team owners can subscribe a channel to a daily, weekly or monthly digest, with alerts when the lead changes.',
].join(' ');

/** The Teams app manifest (schema 1.19) for a bot-only app. Pure: the same input gives the same manifest. */
export function buildManifest(input: ManifestInput): Record<string, unknown> {
  const scopes = ['team', 'personal', 'groupChat'];
  return {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: input.version,
    // The app and its bot share one id: one registration to keep track of.
    id: input.botId,
    developer: {
      name: `${EDIT_ME}: your organisation`,
      websiteUrl: `${PLACEHOLDER_URL}/website`,
      privacyUrl: `${PLACEHOLDER_URL}/privacy`,
      termsOfUseUrl: `${PLACEHOLDER_URL}/terms`,
    },
    name: { short: 'Rivalry', full: 'Rivalry: business rivalries from SEC filings' },
    description: { short: 'Who leads a business rivalry, by how much, since when, from SEC filings', full: FULL_DESCRIPTION },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT_COLOUR,
    bots: [
      {
        botId: input.botId,
        scopes,
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes, commands: commandList(input.commands) }],
      },
    ],
    validDomains: input.domain === undefined ? [] : [input.domain],
  };
}
