import {
  Client,
  ComponentType,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { answerMessage, answerModal, editBody, type InteractionResponder } from './answer-interaction.js';
import { interactionSchema, type InteractionOption } from './interaction-payload.js';
import { routeInteraction, type InteractionDeps } from './interaction-router.js';
import type { DiscordReply } from './render-embeds.js';

export interface GatewayOptions {
  token: string;
  /** REST base URL (tests, proxies); discord.js appends /v10. */
  apiUrl?: string;
  deps: InteractionDeps;
  deferAfterMs: number;
}

type Answerable = ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

function toOption(o: CommandInteractionOption): InteractionOption {
  return {
    name: o.name,
    type: o.type,
    ...(o.value === undefined || o.value === null ? {} : { value: o.value }),
    ...(o.focused === undefined ? {} : { focused: o.focused }),
    ...(o.options === undefined ? {} : { options: o.options.map(toOption) }),
  };
}

/** What each kind of interaction carries, in the API's own shape. */
function dataOf(i: Answerable | AutocompleteInteraction): unknown {
  if (i.isChatInputCommand() || i.isAutocomplete()) return { name: i.commandName, options: [...i.options.data].map(toOption) };
  if (i.isModalSubmit()) {
    const inputs = [...i.fields.fields.values()].flatMap((f) => (f.type === ComponentType.TextInput ? [{ type: ComponentType.TextInput, custom_id: f.customId, value: f.value }] : []));
    return { custom_id: i.customId, components: inputs.map((input) => ({ type: ComponentType.ActionRow, components: [input] })) };
  }
  return { custom_id: i.customId, component_type: i.componentType, ...(i.isStringSelectMenu() ? { values: i.values } : {}) };
}

/** The discord.js interaction in the API's own shape, validated like an HTTP one, so both transports share one router. */
function toPayload(i: Answerable | AutocompleteInteraction) {
  return interactionSchema.safeParse({
    id: i.id,
    application_id: i.applicationId,
    type: i.type,
    token: i.token,
    data: dataOf(i),
    ...(i.guildId === null ? {} : { guild_id: i.guildId }),
    ...(i.channelId === null ? {} : { channel_id: i.channelId }),
    user: { id: i.user.id },
    ...(i.memberPermissions === null ? {} : { member: { user: { id: i.user.id }, permissions: i.memberPermissions.bitfield.toString() } }),
  });
}

const filesOf = (reply: DiscordReply) => (reply.files === undefined ? {} : { files: reply.files.map((f) => ({ attachment: Buffer.from(f.data), name: f.name, description: f.description })) });

/** An edit of @original or of the clicked message (editBody: no flags, components always). */
function toEditOptions(reply: DiscordReply): InteractionEditReplyOptions {
  const body = editBody(reply);
  return { ...(body.content === '' ? {} : { content: body.content }), embeds: body.embeds, components: body.components, allowedMentions: { parse: [] }, ...filesOf(reply) };
}

function toReplyOptions(reply: DiscordReply): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    ...(reply.content === '' ? {} : { content: reply.content }),
    embeds: reply.embeds,
    ...(reply.components === undefined ? {} : { components: reply.components }),
    allowedMentions: { parse: [] },
    ...(reply.flags === undefined ? {} : { flags: MessageFlags.Ephemeral }),
    ...filesOf(reply),
  };
}

/** discord.js's answers for one interaction: reply/update/showModal, deferReply/deferUpdate, then editReply/deleteReply/followUp. */
function gatewayResponder(i: Answerable): InteractionResponder {
  const component = i.isMessageComponent() ? i : undefined;
  const needsComponent = () => {
    if (component === undefined) throw new Error('only a click can update the message it was on');
    return component;
  };
  return {
    firstAnswerTakesFiles: true,
    reply: async (reply) => void (await i.reply(toReplyOptions(reply))),
    update: async (reply) => void (await needsComponent().update(toEditOptions(reply))),
    showModal: async (modal) => {
      if (i.isModalSubmit()) throw new Error('a form cannot open another form');
      await i.showModal(modal);
    },
    defer: async (ephemeral) => void (await i.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {})),
    deferUpdate: async () => void (await needsComponent().deferUpdate()),
    editOriginal: async (reply) => void (await i.editReply(toEditOptions(reply))),
    deleteOriginal: () => i.deleteReply(),
    followUp: async (reply) => void (await i.followUp(toReplyOptions(reply))),
  };
}

/** Answers one interaction through discord.js, with the same routing and deferral rules as HTTP mode. */
export async function handleGatewayInteraction(interaction: Interaction, deps: InteractionDeps, deferAfterMs: number): Promise<void> {
  const log = deps.logger.child({ platform: 'discord', transport: 'gateway', interactionId: interaction.id });
  if (!interaction.isChatInputCommand() && !interaction.isAutocomplete() && !interaction.isButton() && !interaction.isStringSelectMenu() && !interaction.isModalSubmit()) return;
  const parsed = toPayload(interaction);
  if (!parsed.success) {
    log.warn({ issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'malformed interaction payload');
    return;
  }
  const routed = routeInteraction(parsed.data, deps);
  try {
    if (interaction.isAutocomplete()) {
      if (routed.kind === 'autocomplete') await interaction.respond(await routed.choices());
    } else if (routed.kind === 'message') {
      await answerMessage(routed, gatewayResponder(interaction), deferAfterMs);
    } else if (routed.kind === 'modal') {
      await answerModal(routed, gatewayResponder(interaction), deferAfterMs);
    }
  } catch (err) {
    log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not answer the interaction');
  }
}

/**
 * A discord.js client with the Guilds intent only (no privileged intents), answering /rivalry, clicks
 * and form submissions. In a process spawned by the ShardingManager it takes its shard ids from the
 * manager's environment.
 */
export function createGatewayClient(options: GatewayOptions): Client {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...(options.apiUrl === undefined ? {} : { rest: { api: options.apiUrl } }) });
  client.on(Events.InteractionCreate, (interaction) => {
    void handleGatewayInteraction(interaction, options.deps, options.deferAfterMs);
  });
  client.once(Events.ClientReady, (ready) => options.deps.logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'discord gateway ready'));
  return client;
}
