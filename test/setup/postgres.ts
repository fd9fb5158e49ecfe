import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A throwaway PostgreSQL server for the store tests, or '' when none could be started. */
    pgUrl: string;
  }
}

function findBin(name: string): string | undefined {
  const fromPath = (process.env['PATH'] ?? '').split(':').map((d) => join(d, name)).find((p) => existsSync(p));
  if (fromPath !== undefined) return fromPath;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  return readdirSync(root).sort().reverse().map((v) => join(root, v, 'bin', name)).find((p) => existsSync(p));
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway PostgreSQL cluster (initdb into a temp dir, 127.0.0.1 on a free port) for the
 * store contract suite, unless TEST_DATABASE_URL names one. Without PostgreSQL the suite is skipped, loudly.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env['TEST_DATABASE_URL'];
  if (given !== undefined && given !== '') {
    project.provide('pgUrl', given);
    return undefined;
  }
  const initdb = findBin('initdb');
  const pgCtl = findBin('pg_ctl');
  if (initdb === undefined || pgCtl === undefined) {
    process.stderr.write('\n!!! PostgreSQL binaries not found: the PostgreSQL store tests will be SKIPPED (install the "postgresql" package).\n\n');
    project.provide('pgUrl', '');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'rivalry-pg-'));
  // PostgreSQL refuses to run as root: run it as the postgres user when we are root.
  const asRoot = process.getuid?.() === 0;
  const run = (bin: string, args: string[]) => (asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' }) : execFileSync(bin, args, { stdio: 'pipe' }));
  try {
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
    }
    const port = await freePort();
    run(initdb, ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'rivalry', '-E', 'UTF8', '--no-sync']);
    run(pgCtl, ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -h 127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
    project.provide('pgUrl', `postgres://rivalry@127.0.0.1:${port}/postgres`);
    return () => {
      try {
        run(pgCtl, ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\n!!! PostgreSQL could not be started (${detail.split('\n')[0]}): the PostgreSQL store tests will be SKIPPED.\n\n`);
    rmSync(dir, { recursive: true, force: true });
    project.provide('pgUrl', '');
    return undefined;
  }
}
