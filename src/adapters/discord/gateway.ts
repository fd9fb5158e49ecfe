import { Client, Events, GatewayIntentBits, MessageFlags, type AutocompleteInteraction, type ChatInputCommandInteraction, type CommandInteractionOption, type Interaction, type InteractionReplyOptions } from 'discord.js';
import type { InteractionOption, InteractionPayload } from './interaction-payload.js';
import { readyWithin } from '../ready-within.js';
import { routeInteraction, type InteractionDeps } from './interaction-router.js';
import type { DiscordReply } from './render-embeds.js';

export interface GatewayOptions {
  token: string;
  /** REST base URL (tests, proxies); discord.js appends /v10. */
  apiUrl?: string;
  deps: InteractionDeps;
  deferAfterMs: number;
}

function toOption(o: CommandInteractionOption): InteractionOption {
  return {
    name: o.name,
    type: o.type,
    ...(o.value === undefined || o.value === null ? {} : { value: o.value }),
    ...(o.focused === undefined ? {} : { focused: o.focused }),
    ...(o.options === undefined ? {} : { options: o.options.map(toOption) }),
  };
}

/** The discord.js interaction in the API's own shape, so both transports share one router. */
function toPayload(i: ChatInputCommandInteraction | AutocompleteInteraction): InteractionPayload {
  return {
    id: i.id,
    application_id: i.applicationId,
    type: i.type,
    token: i.token,
    data: { name: i.commandName, options: [...i.options.data].map(toOption) },
    ...(i.guildId === null ? {} : { guild_id: i.guildId }),
    ...(i.channelId === null ? {} : { channel_id: i.channelId }),
    user: { id: i.user.id },
    ...(i.memberPermissions === null ? {} : { member: { user: { id: i.user.id }, permissions: i.memberPermissions.bitfield.toString() } }),
  };
}

function toReplyOptions(reply: DiscordReply): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    ...(reply.content === '' ? {} : { content: reply.content }),
    embeds: reply.embeds,
    allowedMentions: { parse: [] },
    ...(reply.flags === undefined ? {} : { flags: MessageFlags.Ephemeral }),
    ...(reply.files === undefined ? {} : { files: reply.files.map((f) => ({ attachment: Buffer.from(f.data), name: f.name, description: f.description })) }),
  };
}

/** Answers one interaction through discord.js: reply, or deferReply then editReply when slow. */
export async function handleGatewayInteraction(interaction: Interaction, deps: InteractionDeps, deferAfterMs: number): Promise<void> {
  const log = deps.logger.child({ platform: 'discord', transport: 'gateway', interactionId: interaction.id });
  if (!interaction.isChatInputCommand() && !interaction.isAutocomplete()) return;
  const routed = routeInteraction(toPayload(interaction), deps);
  try {
    if (routed.kind === 'autocomplete' && interaction.isAutocomplete()) {
      await interaction.respond(await routed.choices());
    } else if (routed.kind === 'command' && interaction.isChatInputCommand()) {
      const work = routed.reply();
      const ready = await readyWithin(work, deferAfterMs);
      if (ready !== undefined) {
        await interaction.reply(toReplyOptions(ready));
        return;
      }
      await interaction.deferReply(routed.visibilityHint === 'private' ? { flags: MessageFlags.Ephemeral } : {});
      const reply = await work;
      if (reply.flags !== undefined && routed.visibilityHint === 'public') {
        // A public placeholder cannot become ephemeral: remove it and answer privately.
        await interaction.deleteReply();
        await interaction.followUp(toReplyOptions(reply));
      } else {
        const { flags: _flags, ...edit } = toReplyOptions(reply);
        await interaction.editReply(edit);
      }
    }
  } catch (err) {
    log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not answer the interaction');
  }
}

/**
 * A discord.js client with the Guilds intent only (no privileged intents), answering /rivalry. In a
 * process spawned by the ShardingManager it takes its shard ids from the manager's environment.
 */
export function createGatewayClient(options: GatewayOptions): Client {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...(options.apiUrl === undefined ? {} : { rest: { api: options.apiUrl } }) });
  client.on(Events.InteractionCreate, (interaction) => {
    void handleGatewayInteraction(interaction, options.deps, options.deferAfterMs);
  });
  client.once(Events.ClientReady, (ready) => options.deps.logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'discord gateway ready'));
  return client;
}
