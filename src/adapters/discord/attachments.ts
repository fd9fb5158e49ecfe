import type { DiscordReply } from './render-embeds.js';

/**
 * Splits a reply's files into what @discordjs/rest sends as multipart (`files`) and the `attachments`
 * metadata the JSON payload must carry (ids, names, alt-text descriptions).
 */
export function withAttachments<T extends object>(body: T, files: DiscordReply['files']): { body: T & { attachments?: unknown[] }; files?: Array<{ name: string; data: Buffer; contentType: string }> } {
  if (files === undefined) return { body };
  return {
    body: { ...body, attachments: files.map((f, id) => ({ id, filename: f.name, description: f.description })) },
    files: files.map((f) => ({ name: f.name, data: Buffer.from(f.data), contentType: 'image/png' })),
  };
}
