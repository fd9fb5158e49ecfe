import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { runBot, type Bot } from '../../src/app/run-bot.js';
import { allMilestones } from '../../src/core/milestones/all-milestones.js';
import { BUNDLED_FILE, bundledJson, bundledRivalry } from '../helpers/bundled.js';
import { memoryLogger } from '../helpers/silent-logger.js';
import { until } from '../helpers/until.js';


/** Editing a rivalry file while the bot runs: new milestones are announced; a broken edit changes nothing. */
describe('data reload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rivalry-reload-'));
  const dataDir = join(dir, 'rivalries');
  let bot: Bot | undefined;
  afterAll(async () => {
    await bot?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces the new milestones of an edited file to subscribed channels, once', async () => {
    mkdirSync(dataDir);
    copyFileSync(BUNDLED_FILE, join(dataDir, 'amazon-vs-walmart.json'));
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d: Buffer) => (printed += d.toString()));
    const log = memoryLogger();
    bot = await runBot(loadConfig({ DATABASE_PATH: join(dir, 'rivalry.db'), RIVALRY_DIR: dataDir }), log.logger, { consoleOutput: output });
    const reply = await bot.handlers.handle({ kind: 'text', text: 'subscribe alerts-only', origin: { platform: 'console', workspaceId: 'local', channelId: 'console', requestId: 'r1', canManageChannel: async () => true } });
    expect(reply.title).toBe('Subscribed: Amazon vs Walmart');

    // A broken edit: the bot keeps serving the old data and announces nothing.
    writeFileSync(join(dataDir, 'amazon-vs-walmart.json'), '{ "slug": ');
    await until(() => log.text().includes('still serving the previous data'));
    expect(bot.holder.current.slugs).toEqual(['amazon-vs-walmart']);

    // A good edit: Amazon's next fiscal year (any new figure would do).
    const json = bundledJson();
    json.metrics[0]?.series[0]?.points.splice(22, 0, { fiscalLabel: 'FY2026', basis: 'annual', start: '2026-01-01', end: '2026-12-31', value: 805_000, verified: true, source: { document: 'Form 10-K for fiscal 2026 (test)', form: '10-K' } });
    writeFileSync(join(dataDir, 'amazon-vs-walmart.json'), JSON.stringify(json));
    await until(() => printed.includes('new milestone'));
    expect(printed).toContain("Amazon's annual revenue passes $800B for the first time");
    expect(allMilestones(bot.holder.current.rivalries[0] ?? bundledRivalry()).length).toBeGreaterThan(allMilestones(bundledRivalry()).length);
    // Reloading the same data again announces nothing more.
    const before = printed;
    await bot.delivery.dataChanged();
    await new Promise((r) => setTimeout(r, 300));
    expect(printed).toBe(before);
  });
});
