import { z } from 'zod';

/** The fields of Slack's slash-command body we rely on, checked before use. */
export const slashCommandSchema = z.object({
  command: z.string().min(1),
  text: z.string().max(4000).default(''),
  response_url: z.url({ protocol: /^https?$/ }),
  user_id: z.string().min(1),
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  enterprise_id: z.string().optional(),
});

export type SlashCommandPayload = z.infer<typeof slashCommandSchema>;

/** Slack sends &, < and > in command text as entities; the parser wants what the user typed. */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
