import type { APIEmbed } from 'discord-api-types/v10';
import type { Running } from '../../src/app/serve.js';
import { createHandlers } from '../../src/app/command-handler.js';
import { nonceFor } from '../../src/adapters/discord/channel-poster.js';
import { COMPONENT_LIMITS as C, DISCORD_LIMITS as L } from '../../src/adapters/discord/limits.js';
import type { DiscordReply } from '../../src/adapters/discord/render-embeds.js';
import { parseCommandText } from '../../src/core/parser/parse-command-text.js';
import { json } from '../fakes/http-recorder.js';
import { APPLICATION_ID, BOT_TOKEN, CHANNEL_ID, FakeDiscord, GUILD_ID, USER_ID, componentPayload, componentsOf, interactionPayload, signedInteractionHeaders, testKeyPair } from '../fakes/fake-discord.js';
import { bundledContext } from '../helpers/bundled.js';
import { memoryLogger } from '../helpers/silent-logger.js';
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

interface Answer {
  type: number;
  /** Absent from a deferred update (type 6). */
  data?: { flags?: number; components?: unknown };
}
type ReplyData = NonNullable<Answer['data']>;

/** Posts a signed interaction; a deferred answer (type 5, or 6 for a click) resolves to the edit of @original that follows. */
async function send(payload: Record<string, unknown>): Promise<{ answer: Answer; data: ReplyData }> {
  const body = JSON.stringify(payload);
  const edited = discord.next(`/api/v10/webhooks/${APPLICATION_ID}/${String(payload['token'])}/messages/@original`);
  const res = await fetch(`http://127.0.0.1:${running.port}/discord/interactions`, { method: 'POST', body, headers: signedInteractionHeaders(body, keys.privateKey) });
  const answer = (await res.json()) as Answer;
  const data = answer.type === 5 || answer.type === 6 ? ((await edited).body as ReplyData) : (answer.data ?? {});
  return { answer, data };
}

/** The custom_id (and a menu's chosen value) the adapter must have rendered for the neutral action `actionId` of the reply to `text`. */
async function expectedClick(text: string, actionId: string): Promise<{ customId: string; values?: string[] }> {
  const origin = { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID, userId: USER_ID, requestId: 'contract' };
  const message = await createHandlers(context, memoryLogger().logger).handle({ kind: 'text', text, origin });
  const action = message.actions?.find((a) => a.id === actionId);
  if (action === undefined) throw new Error(`"${text}" offers no action "${actionId}"`);
  if (action.type === 'select') return { customId: `menu:${action.id}`, values: [action.choices[0]?.payload ?? ''] };
  return { customId: action.type === 'form' ? `form:${action.payload ?? ''}` : (action.payload ?? '') };
}

/** Discord's component rules: ≤ 5 rows; a row holds ≤ 5 buttons or one menu; custom_ids 1–100 and unique; labels, options and placeholders within theirs. */
function componentViolations(rows: unknown): string[] {
  const out: string[] = [];
  const list = (rows ?? []) as Array<{ type: number; components: Array<{ type: number; custom_id: string; label?: string; placeholder?: string; options?: Array<{ label: string; value: string }> }> }>;
  if (list.length > C.actionRows) out.push(`${list.length} action rows`);
  const ids = new Set<string>();
  for (const row of list) {
    if (row.type !== 1) out.push('a top-level component that is not an action row');
    const menus = row.components.filter((c) => c.type === 3).length;
    if (row.components.length === 0) out.push('an empty row');
    if (menus > 0 && row.components.length > 1) out.push('a menu sharing its row');
    if (row.components.length > C.buttonsPerRow) out.push(`${row.components.length} buttons in a row`);
    for (const c of row.components) {
      if (len(c.custom_id) < 1 || len(c.custom_id) > C.customIdChars) out.push(`custom_id of ${len(c.custom_id)} characters`);
      if (ids.has(c.custom_id)) out.push(`custom_id "${c.custom_id}" repeated`);
      ids.add(c.custom_id);
      if (c.type === 2 && (len(c.label) < 1 || len(c.label) > C.buttonLabelChars)) out.push(`button label of ${len(c.label)} characters`);
      if (c.type === 3) {
        const options = c.options ?? [];
        if (options.length < 1 || options.length > C.selectOptions) out.push(`${options.length} menu options`);
        if (len(c.placeholder) > C.selectPlaceholderChars) out.push('placeholder too long');
        if (new Set(options.map((o) => o.value)).size !== options.length) out.push('menu values repeated');
        for (const o of options) if (len(o.label) > C.selectOptionLabelChars || len(o.value) > C.selectOptionValueChars || len(o.label) < 1) out.push('menu option too long');
      }
    }
  }
  return out;
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
    // Deferred (a chart to attach): the reply arrives as the edit of @original.
    const { answer, data } = await send(toInteraction(text));
    return { text: JSON.stringify(data), private: data.flags === 64 || answer.data?.flags === 64 };
  },
  async click(text, actionId) {
    const { data: reply } = await send(toInteraction(text));
    const { customId, values } = await expectedClick(text, actionId);
    const rendered = componentsOf(reply).find((c) => c.custom_id === customId);
    if (rendered === undefined) throw new Error(`the reply to "${text}" has no component ${customId}`);
    const { answer, data } = await send(componentPayload(customId, values === undefined ? {} : { values: [values[0] ?? ''] }));
    // 7 replaces the clicked message, 6 defers that and edits it; 4 and 5 are new messages.
    return { text: JSON.stringify(data), private: data.flags === 64 || answer.data?.flags === 64, updated: answer.type === 7 || answer.type === 6 };
  },
  async forgedClick() {
    const body = JSON.stringify(componentPayload('uc|compare|r=amazon-vs-walmart|b=quarterly'));
    const res = await fetch(`http://127.0.0.1:${running.port}/discord/interactions`, { method: 'POST', body, headers: signedInteractionHeaders(body, testKeyPair().privateKey) });
    return res.status;
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
    return [...out, ...componentViolations(reply.components)];
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
