import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { COMMANDS } from '../core/commands/index.js';
import type { Io } from './cli-shared.js';
import { ConfigError, configSchema } from './config.js';

interface TeamsDeps {
  io: Io;
}

export const DEFAULT_PACKAGE_FILE = 'rivalry-bot-teams.zip';

/** A host name as Teams' validDomains takes it: no scheme, no path, no port. */
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The bot's version, from package.json (the same file from src/app and dist/app). */
function appVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return z.object({ version: z.string().regex(/^\d+\.\d+\.\d+$/) }).parse(JSON.parse(text)).version;
}

/** TEAMS_CLIENT_ID alone, checked by the same rule as the bot's configuration. */
function teamsIdOnly(env: NodeJS.ProcessEnv): { TEAMS_CLIENT_ID?: string | undefined } {
  const parsed = z.object({ TEAMS_CLIENT_ID: configSchema.shape.TEAMS_CLIENT_ID }).safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `TEAMS_CLIENT_ID: ${i.message}`));
  return parsed.data;
}

/** `rivalry-bot teams …`: set-up for Microsoft Teams. */
export function registerTeamsCommands(program: Command, { io }: TeamsDeps): void {
  const teams = program.command('teams').description('Microsoft Teams set-up');
  teams
    .command('manifest')
    .description('write the Teams app package (manifest.json and icons, zipped) to upload in Teams or the Teams admin center')
    .option('--out <file>', 'where to write the zip', DEFAULT_PACKAGE_FILE)
    .option('--domain <host>', "the messaging endpoint's host name, listed in validDomains (e.g. rivalry.example.com)")
    .action(async (opts: { out: string; domain?: string }) => {
      // Only the app id goes into the package: the secret and tenant need not be on this machine.
      const cfg = teamsIdOnly(io.env);
      if (cfg.TEAMS_CLIENT_ID === undefined) {
        throw new ConfigError(["TEAMS_CLIENT_ID: is required to build the Teams app package (the Azure Bot's Microsoft App ID: Azure Bot → Configuration)"]);
      }
      if (opts.domain !== undefined && !HOST.test(opts.domain)) throw new ConfigError(['--domain: must be a host name without scheme or path, like rivalry.example.com']);
      const { appPackage } = await import('../adapters/teams/app-package.js');
      const zip = await appPackage({ botId: cfg.TEAMS_CLIENT_ID, version: appVersion(), commands: COMMANDS, ...(opts.domain === undefined ? {} : { domain: opts.domain }) });
      const path = resolve(opts.out);
      writeFileSync(path, zip);
      io.stdout.write(
        `${path}\n` +
          'Before publishing it to your organisation, replace the developer details marked "EDIT ME" (name, website, privacy and terms URLs on example.com):\n' +
          'import the zip in the Teams Developer Portal (dev.teams.microsoft.com → Apps → Import app) and edit Basic information, or unzip, edit manifest.json and zip the three files again.\n' +
          'Upload it in Teams (Apps → Manage your apps → Upload an app) or in the Teams admin center (Teams apps → Manage apps → Upload new app).\n',
      );
    });
}
