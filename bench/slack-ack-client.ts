/**
 * Load side of the Slack ack benchmark, in its own process so its event loop does not share time with
 * the servers being measured. Hosts the fake Slack (Web API + response_url), prints its base URL,
 * then reads `{ url, waitForReply, n }` lines on stdin and answers each with timings as JSON. PAUSE_MS
 * (default 2): the pause after each command (and its reply) before the next.
 */
import { createInterface } from 'node:readline';
import { FakeSlack, signedHeaders, slashCommandBody } from '../test/fakes/fake-slack.js';

const slack = new FakeSlack();
const base = await slack.start();
process.stdout.write(`${JSON.stringify({ base })}\n`);
let sequence = 0;
const pauseMs = Number(process.env['PAUSE_MS'] ?? 2);

async function measure(url: string, waitForReply: boolean, n: number): Promise<{ ack: number[]; reply: number[] }> {
  const ack: number[] = [];
  const reply: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const path = `/response/${(sequence += 1)}`;
    const body = slashCommandBody('compare amazon-vs-walmart', `${base}${path}`);
    const delivered = waitForReply ? slack.next(path) : undefined;
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', body, headers: signedHeaders(body) });
    await res.arrayBuffer();
    const t1 = performance.now();
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    // Each request goes only after the previous reply arrived: slash commands come from people, one at a time.
    if (delivered !== undefined) await delivered;
    ack.push(t1 - t0);
    if (delivered !== undefined) reply.push(performance.now() - t0);
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return { ack, reply };
}

for await (const line of createInterface({ input: process.stdin })) {
  const job = JSON.parse(line) as { url: string; waitForReply: boolean; n: number };
  process.stdout.write(`${JSON.stringify(await measure(job.url, job.waitForReply, job.n))}\n`);
}
await slack.stop();
