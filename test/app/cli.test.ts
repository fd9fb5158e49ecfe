import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledJson } from '../helpers/bundled.js';

/** The real executable, as a user runs it (npm test builds dist/ before vitest runs). */
const BIN = fileURLToPath(new URL('../../bin/rivalry-bot', import.meta.url));
const run = promisify(execFile);
const tmp = mkdtempSync(join(tmpdir(), 'rivalry-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
/** A database in the test's own folder: the CLI never writes into the repository. */
const baseEnv = () => ({ PATH: process.env['PATH'] ?? '', DATABASE_PATH: join(tmp, 'rivalry.db') });

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...baseEnv(), ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function withStdin(args: string[], input: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...baseEnv(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('bin/rivalry-bot', () => {
  it('ask compare prints both figures, periods, leader, gap and source', async () => {
    const { code, stdout } = await cli(['ask', 'compare amazon-vs-walmart revenue']);
    expect(code).toBe(0);
    expect(stdout).toContain('Amazon leads on annual revenue by $3.76B (0.5%): $716.9B in FY2025 (Jan–Dec 2025) vs $713.2B in FY2026 (Feb 2025–Jan 2026).');
    expect(stdout).toContain('Sources: Amazon FY2025: Form 10-K for fiscal 2025 (net sales); Walmart FY2026: Form 10-K for fiscal 2026 (total revenues)');
  });

  it('ask milestones lists the first-ever lead change', async () => {
    const { code, stdout } = await cli(['ask', 'milestones']);
    expect(code).toBe(0);
    expect(stdout).toContain('Amazon overtakes Walmart in annual revenue for the first time on record');
  });

  it('a typo gets a did-you-mean and exit 1', async () => {
    const { code, stdout } = await cli(['ask', 'comapre']);
    expect(code).toBe(1);
    expect(stdout).toContain('Did you mean "compare"?');
  });

  it('--format json prints the neutral message', async () => {
    const { code, stdout } = await cli(['ask', 'compare', '--format', 'json']);
    expect(code).toBe(0);
    const message = JSON.parse(stdout) as { title: string; severity: string; fallbackText: string };
    expect(message.title).toBe('Amazon vs Walmart: annual revenue');
    expect(message.severity).toBe('info');
  });

  it('piped console answers each line and exits', async () => {
    const { code, stdout } = await withStdin(['console'], '/rivalry compare\nhelp\n\nfacts walmart\n');
    expect(code).toBe(0);
    expect(stdout).toContain('Amazon leads on annual revenue');
    expect(stdout).toContain('rivalry-bot');
    expect(stdout).toContain('Walmart: facts');
  });

  it('serve with no platform configured starts the console', async () => {
    const { code, stdout } = await withStdin(['serve'], 'compare\n');
    expect(code).toBe(0);
    expect(stdout).toContain('$716.9B');
  });

  it('data validate reports every problem with file and path, and serve refuses broken data', async () => {
    const json = bundledJson();
    delete json.metrics[0]?.series[1]?.points[2]?.['end'];
    writeFileSync(join(tmp, 'broken.json'), JSON.stringify(json));
    const validate = await cli(['data', 'validate', '--rivalry-dir', tmp]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain('broken.json at metrics[0].series[1].points[2].end: missing required field');
    // A new database has no good version to fall back on: serve refuses to start.
    const serve = await cli(['serve'], { RIVALRY_DIR: tmp, DATABASE_PATH: join(tmp, 'fresh', 'rivalry.db') });
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain('broken.json at metrics[0].series[1].points[2].end');
    expect(serve.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('serve keeps serving the last good version of a file that broke, and says so', async () => {
    const dir = mkdtempSync(join(tmp, 'data-'));
    const env = { RIVALRY_DIR: dir, DATABASE_PATH: join(dir, 'rivalry.db'), LOG_LEVEL: 'error' };
    writeFileSync(join(dir, 'amazon-vs-walmart.json'), JSON.stringify(bundledJson()));
    expect((await withStdin(['serve'], 'compare\n', env)).stdout).toContain('$716.9B');
    const json = bundledJson();
    delete json.metrics[0]?.series[1]?.points[2]?.['end'];
    writeFileSync(join(dir, 'amazon-vs-walmart.json'), JSON.stringify(json));
    const again = await withStdin(['serve'], 'compare\n', env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('$716.9B');
    expect(again.stderr).toContain('still serving the previous data');
    expect(again.stderr).toContain('amazon-vs-walmart.json metrics[0].series[1].points[2].end');
  });

  it('names every bad environment variable at once', async () => {
    const { code, stderr } = await cli(['serve'], { PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(code).toBe(2);
    expect(stderr).toContain('LOG_LEVEL: must be one of');
    expect(stderr).toContain('PORT: must be a port number');
  });

  it('data validate passes on the bundled data', async () => {
    const { code, stdout } = await cli(['data', 'validate']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^1 rivalry valid in /);
  });
});
