/**
 * `npm run bench`: every benchmark in turn, each in its own process (so one's heap and timers never
 * colour the next), then a table of what each one printed last: its summary line. Run it on an idle
 * machine; the README's Performance section quotes it with the machine it ran on.
 *
 *   npm run bench                 # all of them
 *   npm run bench -- slack scale  # some of them
 */
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** Names of the package.json scripts `bench:<name>`, cheapest first. */
const BENCHES = ['start', 'chart', 'slack', 'discord', 'track', 'fanout', 'replicas', 'scale', 'scale-pg'] as const;

interface Result {
  name: string;
  seconds: number;
  code: number | null;
  summary: string;
}

function run(name: string): Promise<Result> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', `bench:${name}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.on('close', (code) => {
      const lines = out.trim().split('\n').filter((l) => l.trim() !== '');
      resolve({ name, seconds: (performance.now() - started) / 1000, code, summary: lines.at(-1) ?? '(printed nothing)' });
    });
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(BENCHES as readonly string[]).includes(w));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${BENCHES.join(', ')}\n`);
  process.exit(2);
}
const results: Result[] = [];
for (const name of wanted.length === 0 ? BENCHES : wanted) {
  process.stdout.write(`\n## bench:${name}\n`);
  results.push(await run(name));
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(`\nmachine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}\n`);
process.stdout.write('| benchmark | took | result |\n|---|---|---|\n');
for (const r of results) process.stdout.write(`| ${r.name} | ${r.seconds.toFixed(0)} s${r.code === 0 ? '' : ` (exit ${r.code})`} | ${r.summary.replaceAll('|', '\\|')} |\n`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
