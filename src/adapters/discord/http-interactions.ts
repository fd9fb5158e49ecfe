import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { REST } from '@discordjs/rest';
import { InteractionResponseType, MessageFlags, Routes } from 'discord-api-types/v10';
import { withAttachments } from './attachments.js';
import { interactionSchema } from './interaction-payload.js';
import { readyWithin } from '../ready-within.js';
import { routeInteraction, type InteractionDeps } from './interaction-router.js';
import type { DiscordReply } from './render-embeds.js';
import { publicKeyFromHex, verifyInteractionSignature } from './verify-signature.js';

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

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * POST /discord/interactions: verify the Ed25519 signature first, then PING → PONG, autocomplete →
 * choices, commands → the reply (type 4), or a deferral (type 5) followed by an edit of @original when
 * the work takes longer than `deferAfterMs`. Stateless, so any replica can answer.
 */
export function createInteractionsListener(options: HttpInteractionsOptions): RequestListener {
  const key = publicKeyFromHex(options.publicKey);
  const { deps, rest, applicationId } = options;
  const log = deps.logger.child({ platform: 'discord', transport: 'http' });

  const finishDeferred = async (token: string, work: Promise<DiscordReply>, deferredPrivate: boolean) => {
    const reply = await work;
    // An edit cannot change ephemerality, so the flag is left out of it; files go as multipart.
    const { flags, files, ...json } = reply;
    const { body, files: multipart } = withAttachments(json, files);
    const upload = multipart === undefined ? {} : { files: multipart };
    try {
      if (flags === MessageFlags.Ephemeral && !deferredPrivate) {
        // A public placeholder cannot become ephemeral: remove it and answer privately instead.
        await rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false });
        await rest.post(Routes.webhook(applicationId, token), { body: { ...body, flags }, ...upload, auth: false });
      } else {
        await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body, ...upload, auth: false });
      }
    } catch (err) {
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not deliver the deferred reply');
    }
  };

  return (req, res) => {
    void (async () => {
      const body = await readBody(req);
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
      switch (routed.kind) {
        case 'pong':
          return send(res, 200, { type: InteractionResponseType.Pong });
        case 'unsupported':
          return send(res, 400, { error: 'unsupported interaction' });
        case 'autocomplete':
          return send(res, 200, { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: await routed.choices() } });
        case 'command': {
          const work = routed.reply();
          const ready = await readyWithin(work, options.deferAfterMs);
          // A reply with a file can't be the JSON answer to this request: defer, then edit it in with multipart.
          if (ready !== undefined && ready.files === undefined) return send(res, 200, { type: InteractionResponseType.ChannelMessageWithSource, data: ready });
          const deferredPrivate = routed.visibilityHint === 'private';
          send(res, 200, { type: InteractionResponseType.DeferredChannelMessageWithSource, data: deferredPrivate ? { flags: MessageFlags.Ephemeral } : {} });
          return finishDeferred(parsed.data.token, work, deferredPrivate);
        }
      }
    })().catch((err: unknown) => {
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'interaction failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  };
}
