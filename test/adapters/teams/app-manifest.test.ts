import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../../../src/core/commands/command.js';
import { COMMANDS } from '../../../src/core/commands/index.js';
import { appPackage } from '../../../src/adapters/teams/app-package.js';
import { buildManifest, commandList, EDIT_ME, MANIFEST_LIMITS, MENU_COMMANDS } from '../../../src/adapters/teams/app-manifest.js';
import { TEAMS_CLIENT_ID } from '../../fakes/fake-teams.js';

const input = { botId: TEAMS_CLIENT_ID, version: '1.2.3', commands: COMMANDS };

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(bytes);
  expect(view.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

interface Manifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  name: { short: string; full: string };
  description: { short: string; full: string };
  developer: Record<string, string>;
  icons: { color: string; outline: string };
  bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
  validDomains: string[];
}

const manifestOf = (value: unknown) => value as Manifest;

describe('Teams app manifest', () => {
  it('is a schema 1.19 bot app for teams, personal chats and group chats, with our bot id and version', () => {
    const m = manifestOf(buildManifest(input));
    expect(m.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json');
    expect(m.manifestVersion).toBe('1.19');
    expect(m.version).toBe('1.2.3');
    expect(m.id).toBe(TEAMS_CLIENT_ID);
    expect(m.bots).toHaveLength(1);
    expect(m.bots[0]?.botId).toBe(TEAMS_CLIENT_ID);
    expect(m.bots[0]?.scopes).toEqual(['team', 'personal', 'groupChat']);
    expect(m.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(m.validDomains).toEqual([]);
    expect(manifestOf(buildManifest({ ...input, domain: 'rivalry.example.org' })).validDomains).toEqual(['rivalry.example.org']);
  });

  it('stays within Teams\' text limits and marks the developer details as placeholders to edit', () => {
    const m = manifestOf(buildManifest(input));
    expect(m.name.short.length).toBeLessThanOrEqual(MANIFEST_LIMITS.shortName);
    expect(m.name.full.length).toBeLessThanOrEqual(MANIFEST_LIMITS.fullName);
    expect(m.description.short.length).toBeLessThanOrEqual(MANIFEST_LIMITS.shortDescription);
    expect(m.description.full.length).toBeLessThanOrEqual(MANIFEST_LIMITS.fullDescription);
    expect(m.developer['name']?.length).toBeLessThanOrEqual(MANIFEST_LIMITS.developerName);
    expect(m.developer['name']).toContain(EDIT_ME);
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(m.developer[key]).toMatch(/^https:\/\/example\.com\/edit-me\//);
  });

  it('lists at most 10 commands, from the command specs, each within the title and description limits', () => {
    const list = manifestOf(buildManifest(input)).bots[0]?.commandLists ?? [];
    expect(list).toHaveLength(1);
    expect(list[0]?.scopes).toEqual(['team', 'personal', 'groupChat']);
    const commands = list[0]?.commands ?? [];
    expect(commands.length).toBe(MANIFEST_LIMITS.commandsPerList);
    expect(commands.map((c) => c.title)).toEqual([...MENU_COMMANDS]);
    for (const c of commands) {
      const spec = COMMANDS.find((s) => s.name === c.title);
      expect(spec, c.title).toBeDefined();
      expect(c.description).toBe(spec?.description);
      expect(c.title.length).toBeLessThanOrEqual(MANIFEST_LIMITS.commandTitle);
      expect(c.description.length).toBeLessThanOrEqual(MANIFEST_LIMITS.commandDescription);
    }
  });

  it('follows the specs: a long description is clipped, a command that no longer exists is left out', () => {
    const long: CommandSpec[] = COMMANDS.filter((c) => c.name !== 'facts').map((c) => (c.name === 'compare' ? { ...c, description: 'x'.repeat(300) } : c));
    const list = commandList(long);
    expect(list.map((c) => c.title)).not.toContain('facts');
    expect(list).toHaveLength(MANIFEST_LIMITS.commandsPerList - 1);
    const compare = list.find((c) => c.title === 'compare');
    expect(compare?.description).toHaveLength(MANIFEST_LIMITS.commandDescription);
    expect(compare?.description.endsWith('…')).toBe(true);
  });

  it('zips manifest.json with a 192×192 colour icon and a 32×32 outline icon, at the root, the same bytes every time', async () => {
    const zip = await appPackage(input);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array()))).toEqual(buildManifest(input));
    expect(pngSize(files['color.png'] ?? new Uint8Array())).toEqual({ width: 192, height: 192 });
    expect(pngSize(files['outline.png'] ?? new Uint8Array())).toEqual({ width: 32, height: 32 });
    expect(Buffer.from(await appPackage(input)).equals(Buffer.from(zip))).toBe(true);
  });
});
