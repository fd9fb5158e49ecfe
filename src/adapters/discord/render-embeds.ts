import { MessageFlags, type APIEmbed, type APIEmbedField } from 'discord-api-types/v10';
import type { Message } from '../../core/message/message.js';
import { renderTableText } from '../../core/message/render-text.js';
import { andMore, truncate } from '../../core/message/truncate.js';
import { breakMentions, escapeCodeBlock, escapeDiscord } from './escape.js';
import { DISCORD_LIMITS as L, ERROR_COLOUR } from './limits.js';
import { renderComponents, type DiscordActionRow } from './render-components.js';

/** A message as Discord's API takes it, for an interaction response, an @original edit or a channel post. */
export interface DiscordReply {
  content: string;
  /** Attachments, sent as multipart alongside the JSON payload. */
  files?: Array<{ name: string; data: Uint8Array; description: string }>;
  embeds: APIEmbed[];
  /** The reply's buttons and menus (absent when it has none). */
  components?: DiscordActionRow[];
  /** Never ping anyone, whatever the text contains. */
  allowed_mentions: { parse: [] };
  flags?: MessageFlags.Ephemeral;
}

/** Escaping can only lengthen text, so cut first and escape at most `max` characters. */
const fit = (text: string, max: number) => truncate(escapeDiscord(truncate(text, max)), max);

/** Summary, then the table as a code block, within the description limit; rows that don't fit are counted. */
/** Room a table keeps in the description however long the summary is. */
const TABLE_RESERVE = 600;

function description(message: Message): string | undefined {
  const summaryMax = message.table === undefined ? L.descriptionChars : L.descriptionChars - TABLE_RESERVE;
  const summary = message.summary === undefined ? '' : fit(message.summary, summaryMax);
  if (message.table === undefined) return summary === '' ? undefined : summary;
  const lines = renderTableText(message.table).split('\n').map((l) => escapeCodeBlock(truncate(l, 200)));
  // Minus the fences, newlines and the "…and N more rows" line.
  const room = L.descriptionChars - summary.length - 60;
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > room) break;
    kept.push(line);
    used += line.length + 1;
  }
  if (kept.length < lines.length) kept.push(andMore(lines.length - kept.length, 'row'));
  return `${summary}${summary === '' ? '' : '\n'}\`\`\`\n${kept.join('\n')}\n\`\`\``;
}

function fields(message: Message): APIEmbedField[] {
  const out = message.fields.map((f) => ({
    name: fit(f.label, L.fieldNameChars) || '—',
    value: fit(f.value, L.fieldValueChars) || '—',
    inline: f.inline === true,
  }));
  if (out.length <= L.fieldsPerEmbed) return out;
  return [...out.slice(0, L.fieldsPerEmbed - 1), { name: '…', value: andMore(out.length - L.fieldsPerEmbed + 1, 'field'), inline: false }];
}

function embedChars(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/**
 * Neutral message → one embed, and its actions as components (render-components.ts). Every string is
 * escaped, every limit enforced (title 256, description 4,096, 25 fields of 256/1,024, footer 2,048,
 * 6,000 in all); the title and footer (periods and sources) are kept, fields are dropped from the
 * end first when the total is over.
 */
export function renderEmbeds(message: Message): DiscordReply {
  const embed: APIEmbed = {
    title: fit(message.title, L.titleChars),
    color: message.severity === 'error' ? ERROR_COLOUR : message.accentColour === undefined ? undefined : Number.parseInt(message.accentColour.slice(1), 16),
  };
  const desc = description(message);
  if (desc !== undefined) embed.description = desc;
  const embedFields = fields(message);
  if (embedFields.length > 0) embed.fields = embedFields;
  if (message.context.length > 0) embed.footer = { text: truncate(breakMentions(message.context.join('\n')), L.footerChars) };
  // The PNG travels as an attachment of the same message (see chartFile).
  if (message.chart !== undefined) embed.image = { url: `attachment://${message.chart.filename}` };
  if (embed.color === undefined) delete embed.color;

  let dropped = 0;
  while (embedChars(embed) > L.embedTotalChars && (embed.fields?.length ?? 0) > 0) {
    embed.fields?.pop();
    dropped += 1;
  }
  if (dropped > 0) embed.fields?.push({ name: '…', value: andMore(dropped, 'field'), inline: false });
  if (embedChars(embed) > L.embedTotalChars && embed.description !== undefined) {
    embed.description = truncate(embed.description, Math.max(1, embed.description.length - (embedChars(embed) - L.embedTotalChars)));
  }
  const components = renderComponents(message.actions);
  return {
    content: '',
    embeds: [embed],
    ...(components.length === 0 ? {} : { components }),
    allowed_mentions: { parse: [] },
    ...(message.visibility === 'private' ? { flags: MessageFlags.Ephemeral } : {}),
  };
}
