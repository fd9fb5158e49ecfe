import type { RequestListener, ServerResponse } from 'node:http';
import type { REST } from '@discordjs/rest';
import { InteractionResponseType, MessageFlags, Routes } from 'discord-api-types/v10';
import { answerMessage, answerModal, editBody, type InteractionResponder } from './answer-interaction.js';
import { withAttachments } from './attachments.js';
import { interactionSchema } from './interaction-payload.js';
import { routeInteraction, type InteractionDeps } from './interaction-router.js';
import { publicKeyFromHex, verifyInteractionSignature } from './verify-signature.js';
import { readBody } from '../read-body.js';

export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';
/** Interaction payloads are a few KB; anything this big is not from Discord. */
const MAX_BODY_BYTES = 256 * 1024;

export interface HttpInteractionsOptions {
  publicKey: string;
  applicationId: string;
  rest: REST;
  deps: InteractionDeps;
  /** Answer directly if the reply is ready within this; otherwise defer and edit @original. Discord allows 3 s. */
  deferAfterMs: number;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The first answer is this request's JSON response; later ones go to the interaction's webhook (no bot token needed). */
function httpResponder(res: ServerResponse, rest: REST, applicationId: string, token: string): InteractionResponder {
  const answer = async (type: InteractionResponseType, data?: unknown) => send(res, 200, data === undefined ? { type } : { type, data });
  return {
    firstAnswerTakesFiles: false,
    reply: ({ files: _f, ...reply }) => answer(InteractionResponseType.ChannelMessageWithSource, reply),
    update: (reply) => answer(InteractionResponseType.UpdateMessage, editBody(reply)),
    showModal: (modal) => answer(InteractionResponseType.Modal, modal),
    defer: (ephemeral) => answer(InteractionResponseType.DeferredChannelMessageWithSource, ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    deferUpdate: () => answer(InteractionResponseType.DeferredMessageUpdate),
    async editOriginal(reply) {
      // Files go as multipart alongside the JSON payload.
      const { body, files } = withAttachments(editBody(reply), reply.files);
      await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body, ...(files === undefined ? {} : { files }), auth: false });
    },
    async deleteOriginal() {
      await rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false });
    },
    async followUp({ files: replyFiles, ...reply }) {
      const { body, files } = withAttachments(reply, replyFiles);
      await rest.post(Routes.webhook(applicationId, token), { body, ...(files === undefined ? {} : { files }), auth: false });
    },
  };
}

/**
 * POST /discord/interactions: verify the Ed25519 signature first, then validate the payload, then
 * PING → PONG, autocomplete → choices, commands, clicks and form submissions → a reply (type 4), an
 * update of the clicked message (type 7) or a modal (type 9), or a deferral (type 5/6) followed by an
 * edit of @original when the work takes longer than `deferAfterMs`. Stateless, so any replica can answer.
 */
export function createInteractionsListener(options: HttpInteractionsOptions): RequestListener {
  const key = publicKeyFromHex(options.publicKey);
  const { deps, rest, applicationId } = options;
  const log = deps.logger.child({ platform: 'discord', transport: 'http' });

  return (req, res) => {
    void (async () => {
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === undefined) return send(res, 413, { error: 'payload too large' });
      const signature = req.headers['x-signature-ed25519'];
      const timestamp = req.headers['x-signature-timestamp'];
      if (!verifyInteractionSignature(key, typeof signature === 'string' ? signature : undefined, typeof timestamp === 'string' ? timestamp : undefined, body)) {
        return send(res, 401, { error: 'invalid request signature' });
      }
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        return send(res, 400, { error: 'body is not JSON' });
      }
      const parsed = interactionSchema.safeParse(json);
      if (!parsed.success) {
        log.warn({ issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'malformed interaction payload');
        return send(res, 400, { error: 'malformed interaction' });
      }
      const routed = routeInteraction(parsed.data, deps);
      const responder = httpResponder(res, rest, applicationId, parsed.data.token);
      switch (routed.kind) {
        case 'pong':
          return send(res, 200, { type: InteractionResponseType.Pong });
        case 'unsupported':
          return send(res, 400, { error: 'unsupported interaction' });
        case 'autocomplete':
          return send(res, 200, { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: await routed.choices() } });
        case 'message':
          return answerMessage(routed, responder, options.deferAfterMs);
        case 'modal':
          return answerModal(routed, responder, options.deferAfterMs);
      }
    })().catch((err: unknown) => {
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'interaction failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  };
}
