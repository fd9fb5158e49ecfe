import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/rivalry-bot', import.meta.url));

/** Starts `bin/rivalry-bot serve` with only the given environment and waits until it says it is serving (and on which port, if any). */
export async function spawnServe(env: Record<string, string>): Promise<{ child: ChildProcess; port: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rivalry-serve-'));
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_PATH: join(dataDir, 'rivalry.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = /rivalry-bot serving[^\n]*\n/.exec(out)?.[0];
      if (line !== undefined) resolve(/on port (\d+)/.exec(line)?.[1] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return { child, port };
}
