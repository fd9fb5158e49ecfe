/**
 * Load side of the Discord benchmark, in its own process. Reads `{ url, n, pem }` lines on stdin,
 * sends n signed /rivalry compare interactions one after another, answers with round-trip times and the
 * size of the last response body as JSON.
 */
import { createPrivateKey } from 'node:crypto';
import { createInterface } from 'node:readline';
import { interactionPayload, signedInteractionHeaders } from '../test/fakes/fake-discord.js';

for await (const line of createInterface({ input: process.stdin })) {
  const { url, n, pem } = JSON.parse(line) as { url: string; n: number; pem: string };
  const key = createPrivateKey(pem);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i += 1) {
    const body = JSON.stringify(interactionPayload('compare', { rivalry: 'amazon-vs-walmart' }));
    const headers = signedInteractionHeaders(body, key);
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', body, headers });
    bytes = (await res.arrayBuffer()).byteLength;
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    times.push(performance.now() - t0);
  }
  process.stdout.write(`${JSON.stringify({ times, bytes })}\n`);
}
