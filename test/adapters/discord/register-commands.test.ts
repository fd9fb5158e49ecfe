import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../../src/adapters/discord/command-definitions.js';
import { registerCommands } from '../../../src/adapters/discord/register-commands.js';
import { COMMANDS } from '../../../src/core/commands/index.js';
import { APPLICATION_ID, BOT_TOKEN, FakeDiscord } from '../../fakes/fake-discord.js';

const definitions = commandDefinitions(COMMANDS);

describe('Discord command definitions', () => {
  it('one /rivalry command with a subcommand per core command, options from the same specs', () => {
    expect(definitions).toHaveLength(1);
    const [root] = definitions;
    expect(root?.name).toBe('rivalry');
    const subs = ((root as { options?: unknown[] } | undefined)?.options ?? []) as Array<{ name: string; type: number; options: Array<{ name: string; type: number; required: boolean; autocomplete?: boolean; choices?: Array<{ value: string }>; min_value?: number }> }>;
    expect(subs.map((s) => s.name)).toEqual(COMMANDS.map((c) => c.name));
    expect(subs.every((s) => s.type === 1)).toBe(true);
    const compare = subs.find((s) => s.name === 'compare');
    expect(compare?.options.map((o) => [o.name, o.type, o.required, o.autocomplete ?? false])).toEqual([
      ['rivalry', 3, false, true],
      ['metric', 3, false, true],
      ['basis', 3, false, false],
    ]);
    expect(compare?.options[2]?.choices?.map((c) => c.value)).toEqual(['annual', 'quarterly', 'ttm']);
    expect(subs.find((s) => s.name === 'history')?.options.find((o) => o.name === 'since')).toMatchObject({ type: 4, min_value: 1900 });
    expect(subs.find((s) => s.name === 'help')?.options[0]?.choices?.map((c) => c.value)).toEqual(COMMANDS.map((c) => c.name));
  });

  it('fits Discord\'s naming and size rules', () => {
    const walk = (o: { name: string; description: string; options?: unknown[]; choices?: unknown[] }): void => {
      expect(o.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(o.description.length).toBeGreaterThan(0);
      expect(o.description.length).toBeLessThanOrEqual(100);
      expect((o.options ?? []).length).toBeLessThanOrEqual(25);
      expect((o.choices ?? []).length).toBeLessThanOrEqual(25);
      for (const child of (o.options ?? []) as Array<typeof o>) walk(child);
    };
    for (const d of definitions) walk(d as never);
  });
});

describe('registerCommands', () => {
  const discord = new FakeDiscord();
  let apiUrl: string;
  beforeAll(async () => {
    apiUrl = `${await discord.start()}/api`;
  });
  afterAll(() => discord.stop());

  it('overwrites once, then sees nothing to change', async () => {
    const options = { token: BOT_TOKEN, applicationId: APPLICATION_ID, apiUrl, definitions };
    expect(await registerCommands(options)).toEqual({ changed: true, count: 1 });
    const puts = () => discord.requests.filter((r) => r.method === 'PUT');
    expect(puts()).toHaveLength(1);
    expect(puts()[0]?.path).toBe(`/api/v10/applications/${APPLICATION_ID}/commands`);
    expect(puts()[0]?.headers['authorization']).toBe(`Bot ${BOT_TOKEN}`);
    expect(await registerCommands(options)).toEqual({ changed: false });
    expect(puts()).toHaveLength(1);
  });

  it('registers in one guild when asked', async () => {
    await registerCommands({ token: BOT_TOKEN, applicationId: APPLICATION_ID, apiUrl, definitions, guildId: '222222222222222222' });
    expect(discord.requests.at(-1)?.path).toBe(`/api/v10/applications/${APPLICATION_ID}/guilds/222222222222222222/commands`);
  });
});
