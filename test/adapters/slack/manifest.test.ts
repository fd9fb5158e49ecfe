import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../../../src/adapters/slack/listeners/slash-command.js';
import { SLACK_EVENTS_PATH } from '../../../src/adapters/slack/create-slack-adapter.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../../src/adapters/slack/${name}`, import.meta.url), 'utf8')) as {
  features: { slash_commands: Array<{ command: string; url?: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean };
};

describe('Slack app manifests', () => {
  it.each([['manifest.json', false], ['manifest.socket-mode.json', true]] as const)('%s declares the command the code listens to, and the scopes', (file, socket) => {
    const manifest = load(file);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'chat:write.public', 'files:write', 'users:read', 'channels:history', 'groups:history']));
    expect(manifest.settings.socket_mode_enabled).toBe(socket);
    if (!socket) expect(manifest.features.slash_commands[0]?.url).toMatch(new RegExp(`${SLACK_EVENTS_PATH}$`));
    else expect(manifest.features.slash_commands[0]?.url).toBeUndefined();
  });
});
