import { fileURLToPath } from 'node:url';
import type { AdapterDeps, ChatAdapter } from '../adapters/contract.js';
import type { Config } from './config.js';

/** A chat platform as the app wires it: when the environment turns it on, and how to build its adapter. */
export interface PlatformEntry {
  name: string;
  configured(config: Config): boolean;
  /** Imports the adapter lazily, so unconfigured platforms' SDKs are never loaded. */
  create(config: Config, deps: AdapterDeps): Promise<ChatAdapter>;
}

/** The CLI entry point: Discord shard processes run `rivalry-bot discord shard` through it. */
const MAIN_SCRIPT = fileURLToPath(new URL('./main.js', import.meta.url));

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** Every platform the bot can serve. Adding one = a folder under src/adapters/ plus one entry here. */
export const PLATFORMS: readonly PlatformEntry[] = [
  {
    name: 'slack',
    configured: (c) => c.SLACK_BOT_TOKEN !== undefined || c.SLACK_CLIENT_ID !== undefined,
    create: async (c, deps) =>
      (await import('../adapters/slack/create-slack-adapter.js')).createSlackAdapter({
        ...deps,
        ...optional('botToken', c.SLACK_BOT_TOKEN),
        ...(c.SLACK_CLIENT_ID === undefined ? {} : { oauth: { clientId: c.SLACK_CLIENT_ID, clientSecret: c.SLACK_CLIENT_SECRET ?? '', stateSecret: c.SLACK_STATE_SECRET ?? '' } }),
        admins: c.RIVALRY_ADMINS,
        ...optional('signingSecret', c.SLACK_SIGNING_SECRET),
        ...optional('appToken', c.SLACK_APP_TOKEN),
        ...optional('apiUrl', c.SLACK_API_URL),
        ...optional('globalRatePerSecond', c.DELIVERY_RATE_PER_SECOND),
      }),
  },
  {
    name: 'discord',
    configured: (c) => c.DISCORD_TOKEN !== undefined || c.DISCORD_PUBLIC_KEY !== undefined,
    create: async (c, deps) =>
      (await import('../adapters/discord/create-discord-adapter.js')).createDiscordAdapter({
        ...deps,
        ...optional('token', c.DISCORD_TOKEN),
        ...optional('publicKey', c.DISCORD_PUBLIC_KEY),
        ...optional('applicationId', c.DISCORD_APPLICATION_ID),
        ...optional('apiUrl', c.DISCORD_API_URL),
        ...(c.DISCORD_SHARDS === undefined ? {} : { shards: { total: c.DISCORD_SHARDS, script: MAIN_SCRIPT, args: ['discord', 'shard'] } }),
        ...optional('globalRatePerSecond', c.DELIVERY_RATE_PER_SECOND),
      }),
  },
  {
    name: 'telegram',
    configured: (c) => c.TELEGRAM_BOT_TOKEN !== undefined,
    create: async (c, deps) =>
      (await import('../adapters/telegram/create-telegram-adapter.js')).createTelegramAdapter({
        ...deps,
        token: c.TELEGRAM_BOT_TOKEN ?? '',
        ...optional('webhookSecret', c.TELEGRAM_WEBHOOK_SECRET),
        ...optional('webhookUrl', c.TELEGRAM_WEBHOOK_URL),
        ...optional('apiUrl', c.TELEGRAM_API_URL),
        ...optional('globalRatePerSecond', c.DELIVERY_RATE_PER_SECOND),
      }),
  },
  {
    name: 'teams',
    configured: (c) => c.TEAMS_CLIENT_ID !== undefined,
    create: async (c, deps) =>
      (await import('../adapters/teams/create-teams-adapter.js')).createTeamsAdapter({
        ...deps,
        // config.ts requires all three together.
        clientId: c.TEAMS_CLIENT_ID ?? '',
        clientSecret: c.TEAMS_CLIENT_SECRET ?? '',
        tenantId: c.TEAMS_TENANT_ID ?? '',
        admins: c.RIVALRY_ADMINS,
        ...optional('openIdMetadataUrl', c.TEAMS_OPENID_METADATA_URL),
        ...optional('tokenIssuer', c.TEAMS_TOKEN_ISSUER),
        ...optional('loginUrl', c.TEAMS_LOGIN_URL),
        ...optional('globalRatePerSecond', c.DELIVERY_RATE_PER_SECOND),
      }),
  },
];
