import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../../../src/adapters/slack/listeners/slash-command.js';
import { SLACK_BOT_SCOPES, SLACK_EVENTS_PATH } from '../../../src/adapters/slack/create-slack-adapter.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../../src/adapters/slack/${name}`, import.meta.url), 'utf8')) as {
  features: { slash_commands: Array<{ command: string; url?: string }>; app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; interactivity?: { is_enabled: boolean; request_url?: string }; event_subscriptions?: { request_url?: string; bot_events: string[] } };
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

  it.each([['manifest.json', false], ['manifest.socket-mode.json', true]] as const)('%s turns on buttons and modals, the Home tab and its event, with no scope beyond the ones OAuth asks for', (file, socket) => {
    const manifest = load(file);
    expect(manifest.settings.interactivity?.is_enabled).toBe(true);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: false });
    expect(manifest.settings.event_subscriptions?.bot_events).toEqual(expect.arrayContaining(['app_home_opened', 'app_uninstalled', 'tokens_revoked']));
    // Views, modals and these events need no scope of their own: the manifest asks for exactly what OAuth installs ask for.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...SLACK_BOT_SCOPES].sort());
    for (const url of [manifest.settings.interactivity?.request_url, manifest.settings.event_subscriptions?.request_url]) {
      if (socket) expect(url).toBeUndefined();
      else expect(url).toMatch(new RegExp(`^https://YOUR-PUBLIC-HOST${SLACK_EVENTS_PATH}$`));
    }
  });
});
