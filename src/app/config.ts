import { Cron } from 'croner';
import { z } from 'zod';
import { DEFAULT_HEAP_GROWTH_PERCENT } from './heap-growth.js';

const optionalText = z.string().trim().min(1).optional();

/** Every environment variable the bot reads. Checked once at start-up; all problems reported together. */
/** An API base URL override; Slack's Web API client wants a trailing slash. */
const baseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((u) => (u.endsWith('/') ? u : `${u}/`))
  .optional();

/** Azure app and tenant ids. */
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const configSchema = z
  .object({
    RIVALRY_DIR: optionalText,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).optional(),
    PORT: z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(0, 'must be 0–65535').max(65535, 'must be 0–65535').default(3000),
    /** Interface the HTTP server binds to. */
    HOST: optionalText,
    /** GET /metrics on its own port (e.g. one only the monitoring network reaches); on PORT when unset. */
    METRICS_PORT: z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(0, 'must be 0–65535').max(65535, 'must be 0–65535').optional(),
    /** When set, /metrics answers only requests with "Authorization: Bearer <METRICS_TOKEN>". */
    METRICS_TOKEN: z.string().regex(/^[\x21-\x7e]{16,256}$/, 'must be 16–256 printable characters without spaces (e.g. openssl rand -hex 24)').optional(),
    /** How far V8 may grow the heap past its live data before collecting, in percent (0: V8's choice, up to 300). See heap-growth.ts. */
    HEAP_GROWTH_PERCENT: z.coerce.number({ error: 'must be a whole number of percent, 0–300' }).int('must be a whole number of percent, 0–300').min(0, 'must be 0–300 (0 leaves it to V8)').max(300, 'must be 0–300 (0 leaves it to V8)').default(DEFAULT_HEAP_GROWTH_PERCENT),
    DATABASE_PATH: z.string().trim().min(1).default('var/rivalry.db'),
    /** PostgreSQL, shared by several replicas; the SQLite file at DATABASE_PATH is used when unset. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
    /** Platform user ids allowed to manage subscriptions besides workspace admins, comma-separated. */
    RIVALRY_ADMINS: z
      .string()
      .transform((s) => s.split(',').map((id) => id.trim()).filter((id) => id !== ''))
      .default([]),
    /** `track` from chat: on (default) or off for the whole deployment. */
    RIVALRY_TRACK: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).default('on'),
    /** Rivalries one workspace may track. */
    RIVALRY_TRACK_LIMIT: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(25),
    /** Seconds after which work a replica holds (a post "sending", a scheduling job) is taken over by another (it died). */
    DELIVERY_LEASE_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(5, 'must be at least 5').max(3600, 'must be at most 3600').default(120),
    /** Days a sent post stays in the outbox (for `rivalry-bot outbox` and the crash check) before it is deleted. */
    OUTBOX_RETENTION_DAYS: z.coerce.number({ error: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be at least 1').max(3650, 'must be at most 3650').default(30),
    /** Posts per second across all channels (Slack: per workspace; default Slack 20, Discord 40, Telegram 25), split between replicas. */
    DELIVERY_RATE_PER_SECOND: z.coerce.number({ error: 'must be a number' }).positive('must be above 0').max(1000, 'must be at most 1000').optional(),
    SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token (starts with xoxb-)').optional(),
    SLACK_SIGNING_SECRET: z.string().min(16, 'looks too short: copy it from Basic Information → App Credentials').optional(),
    SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must be an app-level token (starts with xapp-) with the connections:write scope').optional(),
    SLACK_API_URL: baseUrl,
    /** Slack distribution (OAuth install into many workspaces). */
    SLACK_CLIENT_ID: z.string().regex(/^\d+\.\d+$/, 'must be the Client ID from Basic Information, like 123.456').optional(),
    SLACK_CLIENT_SECRET: z.string().min(16, 'looks too short: copy it from Basic Information → App Credentials').optional(),
    SLACK_STATE_SECRET: z.string().min(16, 'must be at least 16 random characters (it signs the OAuth state)').optional(),
    DISCORD_TOKEN: z.string().regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, 'does not look like a bot token (Developer Portal → Bot → Reset Token)').optional(),
    DISCORD_PUBLIC_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be the 64-hex-character public key (Developer Portal → General Information)').optional(),
    DISCORD_APPLICATION_ID: z.string().regex(/^\d{17,20}$/, 'must be the numeric application id (Developer Portal → General Information)').optional(),
    DISCORD_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    /** Gateway shards: "auto" (Discord's recommendation) or a count. */
    DISCORD_SHARDS: z.union([z.literal('auto'), z.coerce.number({ error: 'must be "auto" or a number' }).int().min(1, 'must be at least 1').max(1000)]).optional(),
    TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]{20,}$/, 'must be a bot token from @BotFather, like 123456:ABC-DEF…').optional(),
    TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1–256 letters, digits, _ or - (Telegram sends it back in X-Telegram-Bot-Api-Secret-Token)').optional(),
    TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https$/, error: 'must be the public https URL of /telegram/webhook' }).optional(),
    TELEGRAM_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    /** Microsoft Teams (Azure Bot, single-tenant): the bot's app id, its client secret and its tenant. */
    TEAMS_CLIENT_ID: z.string().regex(GUID, "must be the bot's Microsoft App ID, a GUID (Azure Bot → Configuration)").optional(),
    TEAMS_CLIENT_SECRET: z.string().min(16, 'looks too short: copy the secret value (not its id) from the app registration → Certificates & secrets').optional(),
    TEAMS_TENANT_ID: z.string().regex(GUID, 'must be the directory (tenant) id of the app registration, a GUID').optional(),
    /** Sovereign clouds and tests: where the Bot Framework's signing keys are found (…/keys beside it). */
    TEAMS_OPENID_METADATA_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .regex(/\/openidconfiguration$/, 'must be the OpenID metadata URL ending in /openidconfiguration, like https://login.botframework.com/v1/.well-known/openidconfiguration')
      .optional(),
    /** The `iss` every inbound token must carry (default https://api.botframework.com). */
    TEAMS_TOKEN_ISSUER: z.url({ protocol: /^https?$/, error: 'must be the issuer URL, like https://api.botframework.com' }).optional(),
    /** Where the bot gets its own outbound token: <TEAMS_LOGIN_URL>/<tenant>/oauth2/v2.0/token (default https://login.microsoftonline.com). */
    TEAMS_LOGIN_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, like https://login.microsoftonline.com' })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    /** SEC asks every client to name itself and a contact: "Example Corp admin@example.com". */
    SEC_USER_AGENT: z.string().trim().regex(/\S+.*@/, 'must name you and a contact e-mail, e.g. "Example Corp admin@example.com" (SEC requires it)').optional(),
    SEC_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://data.sec.gov'),
    SEC_TICKERS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://www.sec.gov/files/company_tickers.json'),
    /** How often the earnings watcher reads tracked companies' SEC filing indexes (0: never). Needs SEC_USER_AGENT. */
    SEC_WATCH_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int('must be a whole number of seconds').min(0, 'must be 0 (off) or more').max(86_400, 'must be at most 86400 (a day)').default(600),
    /** Runs the SEC sync inside serve on this cron schedule (UTC), e.g. "0 6 * * *". */
    SEC_SYNC_CRON: z
      .string()
      .trim()
      .refine((p) => {
        try {
          new Cron(p, { paused: true });
          return true;
        } catch {
          return false;
        }
      }, 'must be a cron pattern like "0 6 * * *" (minute hour day month weekday)')
      .optional(),
  })
  .superRefine((c, ctx) => {
    const oauth = [c.SLACK_CLIENT_ID, c.SLACK_CLIENT_SECRET, c.SLACK_STATE_SECRET];
    if (oauth.some((v) => v !== undefined) && oauth.some((v) => v === undefined)) {
      for (const [name, value] of [['SLACK_CLIENT_ID', c.SLACK_CLIENT_ID], ['SLACK_CLIENT_SECRET', c.SLACK_CLIENT_SECRET], ['SLACK_STATE_SECRET', c.SLACK_STATE_SECRET]] as const) {
        if (value === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'is required: Slack OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET' });
      }
    }
    if (c.SLACK_CLIENT_ID !== undefined && c.SLACK_SIGNING_SECRET === undefined) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required with Slack OAuth (requests to /slack/events are verified with it)' });
    }
    if (c.SLACK_BOT_TOKEN === undefined && c.SLACK_CLIENT_ID === undefined && (c.SLACK_SIGNING_SECRET !== undefined || c.SLACK_APP_TOKEN !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set (or set up OAuth with SLACK_CLIENT_ID)' });
    }
    if ((c.DISCORD_PUBLIC_KEY === undefined) !== (c.DISCORD_APPLICATION_ID === undefined)) {
      const missing = c.DISCORD_PUBLIC_KEY === undefined ? 'DISCORD_PUBLIC_KEY' : 'DISCORD_APPLICATION_ID';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required: HTTP interactions need both DISCORD_PUBLIC_KEY and DISCORD_APPLICATION_ID' });
    }
    if (c.DISCORD_SHARDS !== undefined && (c.DISCORD_TOKEN === undefined || c.DISCORD_PUBLIC_KEY !== undefined)) {
      const why = c.DISCORD_TOKEN === undefined ? 'it needs DISCORD_TOKEN (gateway mode)' : 'with DISCORD_PUBLIC_KEY set, Discord sends interactions over HTTP and no gateway runs; unset one of them';
      ctx.addIssue({ code: 'custom', path: ['DISCORD_SHARDS'], message: `only applies to gateway mode: ${why}` });
    }
    if (c.METRICS_PORT !== undefined && c.METRICS_PORT !== 0 && c.METRICS_PORT === c.PORT) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: `must differ from PORT (${c.PORT}); leave it unset to serve /metrics on PORT` });
    }
    if (c.TELEGRAM_BOT_TOKEN === undefined && (c.TELEGRAM_WEBHOOK_SECRET !== undefined || c.TELEGRAM_WEBHOOK_URL !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: 'is required when TELEGRAM_WEBHOOK_SECRET or TELEGRAM_WEBHOOK_URL is set' });
    }
    const teamsOthers = (['TEAMS_CLIENT_SECRET', 'TEAMS_TENANT_ID', 'TEAMS_OPENID_METADATA_URL', 'TEAMS_TOKEN_ISSUER', 'TEAMS_LOGIN_URL'] as const).filter((k) => c[k] !== undefined);
    if (c.TEAMS_CLIENT_ID === undefined && teamsOthers.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['TEAMS_CLIENT_ID'], message: `is required when ${teamsOthers.join(' or ')} is set` });
    }
    if (c.TEAMS_CLIENT_ID !== undefined) {
      for (const [name, value] of [['TEAMS_CLIENT_SECRET', c.TEAMS_CLIENT_SECRET], ['TEAMS_TENANT_ID', c.TEAMS_TENANT_ID]] as const) {
        if (value === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'is required with TEAMS_CLIENT_ID: a single-tenant bot needs TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID' });
      }
    }
    if (c.SEC_SYNC_CRON !== undefined && c.SEC_USER_AGENT === undefined) {
      ctx.addIssue({ code: 'custom', path: ['SEC_USER_AGENT'], message: 'is required with SEC_SYNC_CRON: SEC refuses clients that do not name themselves' });
    }
    if (c.SLACK_BOT_TOKEN !== undefined && c.SLACK_SIGNING_SECRET === undefined && c.SLACK_APP_TOKEN === undefined) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required with SLACK_BOT_TOKEN (HTTP mode); or set SLACK_APP_TOKEN for Socket Mode' });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Where the bot keeps its state: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
export const storeOptions = (c: Config) => ({ databasePath: c.DATABASE_PATH, ...(c.DATABASE_URL === undefined ? {} : { databaseUrl: c.DATABASE_URL }) });

/** Reads the config from an environment. Throws one ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // Treat empty variables as unset: `FOO= rivalry-bot serve` should not count as a value.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
}
