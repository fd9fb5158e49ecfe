import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli-in-process.js';
import { TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID } from '../../fakes/fake-teams.js';

const tmp = mkdtempSync(join(tmpdir(), 'rivalry-teams-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Only the app id is needed; the secret and tenant may be set too (as on the bot's own machine).
const TEAMS_ENV = { TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID };
const ID_ONLY = { TEAMS_CLIENT_ID };
const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Runs the CLI in this process with the given environment (and a database in the temporary folder). */
const cli = (args: string[], env: Record<string, string>) => runCli(args, { DATABASE_PATH: join(tmp, 'rivalry.db'), ...env });

function manifestIn(path: string): Record<string, unknown> {
  const files = unzipSync(readFileSync(path));
  return JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array())) as Record<string, unknown>;
}

describe('rivalry-bot teams manifest', () => {
  it('writes the app package where --out says, with the bot id, the version and the domain', async () => {
    const out = join(tmp, 'package.zip');
    const { code, stdout } = await cli(['teams', 'manifest', '--out', out, '--domain', 'rivalry.example.org'], TEAMS_ENV);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(out);
    expect(stdout).toContain('EDIT ME');
    const manifest = manifestIn(out);
    expect(manifest).toMatchObject({ id: TEAMS_CLIENT_ID, version: VERSION, validDomains: ['rivalry.example.org'], bots: [expect.objectContaining({ botId: TEAMS_CLIENT_ID })] });
    expect(Object.keys(unzipSync(readFileSync(out))).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('writes rivalry-bot-teams.zip in the working directory by default', async () => {
    const dir = mkdtempSync(join(tmp, 'cwd-'));
    const before = process.cwd();
    process.chdir(dir);
    try {
      const { code } = await cli(['teams', 'manifest'], ID_ONLY);
      expect(code).toBe(0);
    } finally {
      process.chdir(before);
    }
    expect(manifestIn(join(dir, 'rivalry-bot-teams.zip'))['id']).toBe(TEAMS_CLIENT_ID);
  });

  it('says which variable is missing without TEAMS_CLIENT_ID, and writes nothing', async () => {
    const out = join(tmp, 'missing.zip');
    const { code, stderr } = await cli(['teams', 'manifest', '--out', out], {});
    expect(code).toBe(2);
    expect(stderr).toContain('TEAMS_CLIENT_ID: is required to build the Teams app package');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a --domain that is a URL rather than a host name', async () => {
    const out = join(tmp, 'url.zip');
    const { code, stderr } = await cli(['teams', 'manifest', '--out', out, '--domain', 'https://rivalry.example.org/api/messages'], TEAMS_ENV);
    expect(code).toBe(2);
    expect(stderr).toContain('--domain: must be a host name');
    expect(existsSync(out)).toBe(false);
  });
});
