import { PassThrough } from 'node:stream';
import { main } from '../../src/app/cli.js';

/** Runs the CLI in this process with exactly the given environment; collects what it prints. */
export async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main(['node', 'rivalry-bot', ...args], { stdin: new PassThrough(), stdout, stderr, env });
  return { code, stdout: out, stderr: err };
}
