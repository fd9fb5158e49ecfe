import { randomUUID } from 'node:crypto';
import { Bot, webhookCallback } from 'grammy';
import type { Origin } from '../../core/inbound.js';
import type { Message } from '../../core/message/message.js';
import { readyWithin } from '../ready-within.js';
import type { AdapterCapabilities, AdapterDeps, ChatAdapter, Route } from '../contract.js';
import { createTelegramPoster } from './channel-poster.js';
import { canManageChat } from './chat-admin.js';
import { createClickHandler } from './click-handler.js';
import { TELEGRAM_MAX_CHARS } from './render-html.js';
import { renderTelegramReply, type TelegramPart } from './render-reply.js';
import { chartPhoto, sendParts } from './send-reply.js';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
export const ROOT_COMMAND = 'rivalry';

export const TELEGRAM_CAPABILITIES: AdapterCapabilities = {
  // Bot API messages are seen by the whole chat: help and errors reply to the asker's message instead.
  ephemeral: false,
  edits: true,
  files: true,
  richLayout: false,
  maxMessageChars: TELEGRAM_MAX_CHARS,
  idempotentPosts: false,
};

export interface TelegramAdapterOptions extends AdapterDeps {
  token: string;
  /** With a secret, updates come by webhook at /telegram/webhook; without, by long polling. */
  webhookSecret?: string;
  /** Public URL of /telegram/webhook; when given, the webhook is registered with Telegram at start. */
  webhookUrl?: string;
  /** Bot API root (tests, local Bot API servers); default Telegram's. */
  apiUrl?: string;
  globalRatePerSecond?: number;
  /** A reply not ready this soon is acknowledged at once and followed up when it is (default 2 s). */
  acknowledgeAfterMs?: number;
}

const ACKNOWLEDGE_AFTER_MS = 2000;
/** Said explicitly: a webhook otherwise keeps whatever list it was last registered with, which might lack button clicks. */
const ALLOWED_UPDATES = ['message', 'channel_post', 'callback_query'] as const;

/**
 * Telegram through grammY: `/rivalry <command> …` and each command as its own bot command (`/compare`),
 * registered with setMyCommands; replies in escaped Telegram HTML split within 4,096 characters, their
 * next steps as an inline keyboard, charts as photos; button clicks (callback queries) run as the
 * person who clicked. Long polling, or a webhook checked against its secret token.
 */
export async function createTelegramAdapter(options: TelegramAdapterOptions): Promise<ChatAdapter<TelegramPart[]>> {
  const bot = new Bot(options.token, { client: { ...(options.apiUrl === undefined ? {} : { apiRoot: options.apiUrl }) } });
  const names = options.commands.map((c) => c.name);
  const log = options.logger.child({ platform: 'telegram' });

  bot.command([ROOT_COMMAND, ...names], async (ctx) => {
    const command = ctx.message?.text.split(/\s+/)[0]?.replace(/^\//, '').replace(/@.*$/, '') ?? ROOT_COMMAND;
    const text = command === ROOT_COMMAND ? ctx.match : `${command} ${ctx.match}`;
    const chat = ctx.chat;
    const origin: Origin = {
      platform: 'telegram',
      workspaceId: String(chat.id),
      channelId: String(chat.id),
      requestId: randomUUID(),
      canManageChannel: () => canManageChat(ctx.api, chat, { ...(ctx.from === undefined ? {} : { userId: ctx.from.id }), ...(ctx.senderChat === undefined ? {} : { senderChatId: ctx.senderChat.id }) }),
      ...(ctx.from === undefined ? {} : { userId: String(ctx.from.id) }),
    };
    log.info({ requestId: origin.requestId, chat: chat.id, user: ctx.from?.id, text }, 'command');
    const replyTo = ctx.message?.message_id;
    const reply = async (message: Message) => {
      try {
        await sendParts(ctx.api, String(chat.id), renderTelegramReply(message), await chartPhoto(message, options.renderChart), replyTo);
      } catch (err) {
        log.error({ requestId: origin.requestId, err: err instanceof Error ? err.message : String(err) }, 'could not reply');
      }
    };
    const work = options.handle({ kind: 'text', text, origin });
    const ready = await readyWithin(work, options.acknowledgeAfterMs ?? ACKNOWLEDGE_AFTER_MS, 'telegram');
    if (ready !== undefined) return reply(ready);
    // Slow (tracking fetches from SEC): say so now and answer in a follow-up, without holding the
    // update: the webhook must answer within Telegram's timeout, and polling handles updates in turn.
    await sendParts(ctx.api, String(chat.id), [{ html: '⏳ Working on it…' }], undefined, replyTo).catch((err: unknown) => log.warn({ requestId: origin.requestId, err: err instanceof Error ? err.message : String(err) }, 'could not acknowledge'));
    void work.then(reply);
  });
  bot.on(
    'callback_query',
    createClickHandler({ handle: options.handle, log, acknowledgeAfterMs: options.acknowledgeAfterMs ?? ACKNOWLEDGE_AFTER_MS, ...(options.renderChart === undefined ? {} : { renderChart: options.renderChart }) }),
  );
  bot.catch((err) => log.error({ err: err.message }, 'update failed'));

  const webhook = options.webhookSecret !== undefined;
  // grammY answers 401 to a wrong or missing secret before any update is read.
  const onUpdate = webhook ? webhookCallback(bot, 'http', { secretToken: options.webhookSecret }) : undefined;
  const routes: Route[] = onUpdate === undefined ? [] : [{ method: 'POST', path: TELEGRAM_WEBHOOK_PATH, listener: (req, res) => void onUpdate(req, res) }];
  return {
    platform: 'telegram',
    capabilities: TELEGRAM_CAPABILITIES,
    modes: [webhook ? `webhook ${TELEGRAM_WEBHOOK_PATH}` : 'long polling'],
    routes,
    render: (message) => renderTelegramReply(message),
    poster: createTelegramPoster(bot.api, { ...(options.renderChart === undefined ? {} : { renderChart: options.renderChart }), ...(options.globalRatePerSecond === undefined ? {} : { globalRatePerSecond: options.globalRatePerSecond }) }),
    start: async () => {
      await bot.init();
      await bot.api.setMyCommands([{ command: ROOT_COMMAND, description: 'Rivalries: /rivalry <command> …' }, ...options.commands.map((c) => ({ command: c.name, description: c.description.slice(0, 256) }))]);
      if (webhook) {
        if (options.webhookUrl !== undefined) await bot.api.setWebhook(options.webhookUrl, { secret_token: options.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
      } else {
        // Runs until stop(); not awaited: it resolves only then.
        void bot.start({ drop_pending_updates: false, allowed_updates: [...ALLOWED_UPDATES] });
      }
    },
    stop: async () => {
      if (bot.isRunning()) await bot.stop();
    },
  };
}
