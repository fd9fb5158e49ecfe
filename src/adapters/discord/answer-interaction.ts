import { MessageFlags, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { readyWithin } from '../ready-within.js';
import type { DiscordReply } from './render-embeds.js';
import type { Routed } from './routed.js';

/**
 * The ways Discord lets us answer one interaction; each transport (HTTP response + webhook REST,
 * or discord.js) implements them. Exactly one of the first five is the first answer.
 */
export interface InteractionResponder {
  /** Whether the first answer can carry files (HTTP's JSON response body cannot: defer and edit them in). */
  readonly firstAnswerTakesFiles: boolean;
  /** Type 4: a new message. */
  reply(reply: DiscordReply): Promise<void>;
  /** Type 7: replace the message the component is on. */
  update(reply: DiscordReply): Promise<void>;
  /** Type 9. */
  showModal(modal: APIModalInteractionResponseCallbackData): Promise<void>;
  /** Type 5: a new message to come ("thinking…"), ephemeral or not. */
  defer(ephemeral: boolean): Promise<void>;
  /** Type 6: the clicked message will be edited. */
  deferUpdate(): Promise<void>;
  /** After a deferral: edit @original (the new message, or the clicked one after deferUpdate). */
  editOriginal(reply: DiscordReply): Promise<void>;
  deleteOriginal(): Promise<void>;
  followUp(reply: DiscordReply): Promise<void>;
}

const isPrivate = (reply: DiscordReply) => reply.flags === MessageFlags.Ephemeral;

/**
 * A reply: directly when ready within `deferAfterMs`, else a deferral and then the edit. A reply meant
 * to replace the clicked message but private (an error, a refusal) goes to the clicker alone instead,
 * so nobody's public message turns into someone else's error.
 */
export async function answerMessage(routed: Extract<Routed, { kind: 'message' }>, r: InteractionResponder, deferAfterMs: number): Promise<void> {
  const work = routed.reply();
  const ready = await readyWithin(work, deferAfterMs, 'discord');
  if (ready !== undefined && (r.firstAnswerTakesFiles || ready.files === undefined)) {
    return routed.effect === 'update' && !isPrivate(ready) ? r.update(ready) : r.reply(ready);
  }
  if (routed.effect === 'update') {
    await r.deferUpdate();
    const reply = await work;
    return isPrivate(reply) ? r.followUp(reply) : r.editOriginal(reply);
  }
  const deferredPrivate = routed.visibilityHint === 'private';
  await r.defer(deferredPrivate);
  const reply = await work;
  if (isPrivate(reply) && !deferredPrivate) {
    // A public placeholder cannot become ephemeral: remove it and answer privately.
    await r.deleteOriginal();
    return r.followUp(reply);
  }
  return r.editOriginal(reply);
}

/** A form button: the modal, or the message opening it gave; when not ready in time, a private "try again". */
export async function answerModal(routed: Extract<Routed, { kind: 'modal' }>, r: InteractionResponder, deferAfterMs: number): Promise<void> {
  const work = routed.open();
  const ready = await readyWithin(work, deferAfterMs, 'discord');
  if (ready !== undefined) return ready.kind === 'modal' ? r.showModal(ready.modal) : r.reply(ready.reply);
  await r.defer(true);
  const late = await work;
  return r.editOriginal(late.kind === 'reply' ? late.reply : await routed.late());
}

/** An edit's body: flags cannot change on an edit, and components are always sent so a replaced message loses its old buttons. */
export function editBody(reply: DiscordReply): Omit<DiscordReply, 'flags' | 'files'> {
  const { flags: _flags, files: _files, ...body } = reply;
  return { ...body, components: reply.components ?? [] };
}
