import { REST } from '@discordjs/rest';
import { Routes, type RESTGetAPIApplicationCommandsResult, type RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register in one guild (instant, for testing) instead of globally. */
  guildId?: string;
  apiUrl?: string;
  definitions: RESTPutAPIApplicationCommandsJSONBody;
}

export type RegisterResult = { changed: false } | { changed: true; count: number };

/** Keys Discord adds or defaults on its side; they say nothing about whether our definitions changed. */
const SERVER_SIDE_KEYS = new Set(['id', 'application_id', 'guild_id', 'version', 'default_permission', 'nsfw', 'integration_types', 'contexts', 'dm_permission', 'default_member_permissions', 'name_localizations', 'description_localizations']);

/** A canonical JSON of the fields we set, so what Discord has and what we want compare equal when they are. */
function comparable(commands: ReadonlyArray<Record<string, unknown>>): string {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) {
      if (SERVER_SIDE_KEYS.has(k)) continue;
      if (v === false && (k === 'required' || k === 'autocomplete')) continue;
      out[k] = strip(v);
    }
    return out;
  };
  return JSON.stringify([...commands].sort((a, b) => String(a['name']).localeCompare(String(b['name']))).map(strip));
}

/**
 * Bulk-overwrites the application's commands with the definitions, only when they differ from what
 * Discord has: running it twice changes nothing the second time.
 */
export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const rest = new REST(options.apiUrl === undefined ? {} : { api: options.apiUrl }).setToken(options.token);
  const route = options.guildId === undefined ? Routes.applicationCommands(options.applicationId) : Routes.applicationGuildCommands(options.applicationId, options.guildId);
  const existing = (await rest.get(route)) as RESTGetAPIApplicationCommandsResult;
  const wanted = options.definitions.map((d) => ({ type: 1, ...d }));
  if (comparable(existing as unknown as Array<Record<string, unknown>>) === comparable(wanted as unknown as Array<Record<string, unknown>>)) return { changed: false };
  await rest.put(route, { body: options.definitions });
  return { changed: true, count: options.definitions.length };
}
