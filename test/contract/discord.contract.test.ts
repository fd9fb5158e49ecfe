import type { APIEmbed } from 'discord-api-types/v10';
import type { Running } from '../../src/app/serve.js';
import { nonceFor } from '../../src/adapters/discord/channel-poster.js';
import { DISCORD_LIMITS as L } from '../../src/adapters/discord/limits.js';
import type { DiscordReply } from '../../src/adapters/discord/render-embeds.js';
import { parseCommandText } from '../../src/core/parser/parse-command-text.js';
import { json } from '../fakes/http-recorder.js';
import { APPLICATION_ID, BOT_TOKEN, FakeDiscord, interactionPayload, signedInteractionHeaders, testKeyPair } from '../fakes/fake-discord.js';
import { bundledContext } from '../helpers/bundled.js';
import { runAdapterContract } from './adapter-contract.js';
import { startAdapter } from './start-adapter.js';

const discord = new FakeDiscord();
const keys = testKeyPair();
const context = bundledContext();
let running: Running;

const len = (s: string | undefined) => [...(s ?? '')].length;

/** The text a user types, as the structured interaction Discord would send for it. */
function toInteraction(text: string): Record<string, unknown> {
  const parsed = parseCommandText(text, context);
  if (parsed.ok) return interactionPayload(parsed.command.name, Object.fromEntries(Object.entries(parsed.raw).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : v])));
  const [command = 'help', ...rest] = text.split(' ');
  return interactionPayload(command, rest.length === 0 ? {} : { rivalry: rest.join(' ') });
}

runAdapterContract('discord', {
  async start() {
    const base = await discord.start();
    const started = await startAdapter({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: `${base}/api` }, context);
    running = started.running;
    return started.adapter;
  },
  async stop() {
    await running.stop();
    await discord.stop();
  },
  async ask(text) {
    const payload = toInteraction(text);
    const body = JSON.stringify(payload);
    const edited = discord.next(`/api/v10/webhooks/${APPLICATION_ID}/${String(payload['token'])}/messages/@original`);
    const res = await fetch(`http://127.0.0.1:${running.port}/discord/interactions`, { method: 'POST', body, headers: signedInteractionHeaders(body, keys.privateKey) });
    const answer = (await res.json()) as { type: number; data: { flags?: number } };
    // Deferred (a chart to attach): the reply arrives as the edit of @original.
    const data = answer.type === 5 ? ((await edited).body as { flags?: number }) : answer.data;
    return { text: JSON.stringify(data), private: data.flags === 64 || answer.data.flags === 64 };
  },
  limitViolations(payload) {
    const reply = payload as DiscordReply;
    const out: string[] = [];
    if (reply.embeds.length > L.embedsPerMessage) out.push('too many embeds');
    if (len(reply.content) > L.contentChars) out.push('content too long');
    for (const e of reply.embeds as APIEmbed[]) {
      if (len(e.title) > L.titleChars) out.push('title too long');
      if (len(e.description) > L.descriptionChars) out.push('description too long');
      if ((e.fields?.length ?? 0) > L.fieldsPerEmbed) out.push('too many fields');
      for (const f of e.fields ?? []) if (len(f.name) > L.fieldNameChars || len(f.value) > L.fieldValueChars) out.push('field too long');
      if (len(e.footer?.text) > L.footerChars) out.push('footer too long');
      const total = len(e.title) + len(e.description) + len(e.footer?.text) + (e.fields ?? []).reduce((n, f) => n + len(f.name) + len(f.value), 0);
      if (total > L.embedTotalChars) out.push(`embed of ${total} characters`);
    }
    return out;
  },
  couldPing(payload) {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return !text.includes('"allowed_mentions":{"parse":[]}') || /@(everyone|here)|<@&?\d|<#\d/i.test(text);
  },
  failNextPost(fault) {
    let once = true;
    discord.overrides = [
      (req, res) => {
        if (!req.path.includes('/channels/') || !once) return false;
        once = false;
        if (fault === '429') json(res, 429, { message: 'You are being rate limited.', retry_after: 1.5, global: false }, { 'retry-after': '2' });
        else if (fault === '5xx') json(res, 502, { message: 'Bad Gateway', code: 0 });
        else json(res, 403, { message: 'Missing Access', code: 50001 });
        return true;
      },
    ];
  },
  lastPostCarried: (key) => discord.messages.at(-1)?.nonce === nonceFor(key),
});
