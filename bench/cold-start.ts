/**
 * Console cold start: from spawning `bin/rivalry-bot console` to its first reply being written, with
 * one command piped in (the time a person waits for the prompt, plus one answer). Needs a build.
 * Run: npm run bench:start   (RUNS=20)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { summary } from './stats.js';

const BIN = fileURLToPath(new URL('../bin/rivalry-bot', import.meta.url));
const RUNS = Number(process.env['RUNS'] ?? 20);

function time(args: string[], input: string): number {
  const t0 = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`exit ${result.status}: ${result.stderr}`);
  return performance.now() - t0;
}

const bare = Array.from({ length: RUNS }, () => {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - t0;
});
const empty = Array.from({ length: RUNS }, () => time(['console'], ''));
const oneCommand = Array.from({ length: RUNS }, () => time(['console'], 'compare\n'));
for (const s of [summary('node -e 0 (baseline)', bare), summary('console, start to ready + exit', empty), summary('console, start + compare reply', oneCommand)]) {
  process.stdout.write(`${s.label.padEnd(34)} n=${s.n} p50=${s.p50.toFixed(0)} ms p99=${s.p99.toFixed(0)} ms\n`);
}
