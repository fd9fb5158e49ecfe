import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { ChartRenderer } from '../core/charts/chart-data.js';
import type { CommandSpec } from '../core/commands/command.js';
import type { ChannelPoster } from '../core/delivery/channel-poster.js';
import type { AutocompleteHandler, CommandHandler, FormHandler, HomeHandler } from '../core/inbound.js';
import type { Message } from '../core/message/message.js';
import type { ChannelRef } from '../core/subscriptions/subscription-service.js';

/**
 * The adapter contract: what every chat platform folder under src/adapters/ provides, and all that
 * the rest of the bot knows about a platform. See docs/adding-a-platform.md.
 */

/** What the platform can do; the shared contract suite and the core adapt to it. */
export interface AdapterCapabilities {
  /** Replies only the asker sees (help, errors, refusals). Without it, those go to the chat like any reply. */
  ephemeral: boolean;
  /** A first answer can be edited later (deferral of slow replies). */
  edits: boolean;
  /** Images can be attached (charts). */
  files: boolean;
  /** Structured layout (blocks, embeds) beyond formatted text. */
  richLayout: boolean;
  /** Longest text one message may carry; longer replies are split or truncated by `render`. */
  maxMessageChars: number;
  /** A post can carry its idempotency key to the platform, so a re-send after a crash cannot double-post. */
  idempotentPosts: boolean;
}

/** An HTTP endpoint the adapter serves on the bot's one HTTP server. */
export interface Route {
  method: 'GET' | 'POST';
  path: string;
  listener: RequestListener;
}

/** What the app hands every adapter: the core's handlers and the shared services. */
export interface AdapterDeps {
  /** Runs a command (text or structured) and answers with a neutral message. Never rejects. */
  handle: CommandHandler;
  /** Suggestions for data-backed options, for platforms with autocomplete. */
  complete: AutocompleteHandler;
  /** Forms (the subscribe modal) for platforms that show them; absent where no store stands behind the bot. */
  forms?: FormHandler;
  /** The bot's home view for a person (Slack App Home). */
  home?: HomeHandler;
  /** The command specs, for platforms that register commands up front. */
  commands: readonly CommandSpec[];
  logger: Logger;
  /** Draws a chart as PNG, loaded on first use; absent → replies carry no image. */
  renderChart?: ChartRenderer;
  /** Per-workspace credentials for platforms installed by OAuth (Slack distribution). */
  installations?: InstallationRegistry;
}

/** Where adapters keep app installations, one per workspace, in the bot's database. */
export interface InstallationRegistry {
  save(platform: string, workspaceId: string, data: unknown): Promise<void>;
  fetch(platform: string, workspaceId: string): Promise<unknown>;
  /** The app was removed from a workspace: forget its credentials and stop its subscriptions. */
  uninstalled(platform: string, workspaceId: string, reason: string): Promise<void>;
}

export interface ChatAdapter<Payload = unknown> {
  /** "slack", "discord", "telegram": the platform part of every target address. */
  readonly platform: string;
  readonly capabilities: AdapterCapabilities;
  /** How it is connected (for the start-up line): "HTTP /slack/events", "Socket Mode", "long polling"… */
  readonly modes: readonly string[];
  /** Webhook endpoints; empty for socket/polling transports. Every one verifies its request before anything else. */
  readonly routes: readonly Route[];
  /** Pure: a neutral message as the platform API takes it, every platform limit enforced, all text escaped. */
  render(message: Message): Payload;
  /** Posting into channels (digests, alerts); absent when the configuration cannot post. */
  readonly poster?: ChannelPoster;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A channel's address across platforms: "slack:T123/C456", "discord:G1/C2", "telegram:-1001/-1001". */
export function targetAddress(channel: ChannelRef): string {
  return `${channel.platform}:${channel.workspaceId}/${channel.channelId}`;
}
