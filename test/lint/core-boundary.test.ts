import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rule that keeps src/core platform-agnostic must really fire. */
describe('core import boundary', () => {
  const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
  const lint = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0]?.messages.map((m) => m.ruleId) ?? [];

  it('rejects chat SDKs, databases and adapters in src/core', async () => {
    for (const source of ["import { App } from '@slack/bolt';", "import { Client } from 'discord.js';", "import { Bot } from 'grammy';", "import Database from 'better-sqlite3';", "import { x } from '../adapters/slack/render.js';", "import { createServer } from 'node:http';"]) {
      expect(await lint('src/core/commands/example.ts', `${source}\nexport const y = 1;\n`)).toContain('no-restricted-imports');
    }
  });

  it('allows them in adapters', async () => {
    expect(await lint('src/adapters/slack/example.ts', "import { App } from '@slack/bolt';\nexport const y = App;\n")).not.toContain('no-restricted-imports');
  });
});
