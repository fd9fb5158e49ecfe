import { z } from 'zod';
import { OPTION_NAMES } from '../../core/commands/command.js';
import type { FormId } from '../../core/message/actions.js';
import { SLACK_LIMITS as L } from './limits.js';

/**
 * The fields of Slack's interaction payloads (block_actions, view_submission) and events we rely on,
 * checked before use. Anything else Slack sends is ignored.
 */

/** Team, user and channel ids: T0123ABC, U0123ABC, C0123ABC, E…, W…, D…, G…. */
const slackId = z.string().regex(/^[A-Z0-9]{1,40}$/);
const responseUrl = z.url({ protocol: /^https?$/ });

/** The clicked element: a button's value or the chosen option of a menu is the click's payload. */
const clickedElement = z.discriminatedUnion('type', [
  z.object({ type: z.literal('button'), action_id: z.string().min(1).max(L.actionIdChars), value: z.string().min(1).max(L.buttonValueChars) }),
  z.object({ type: z.literal('static_select'), action_id: z.string().min(1).max(L.actionIdChars), selected_option: z.object({ value: z.string().min(1).max(L.optionValueChars) }) }),
]);

export const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: slackId, team_id: slackId.optional() }),
  team: z.object({ id: slackId }).nullish(),
  channel: z.object({ id: slackId }).optional(),
  /** Where the button was: a message (ephemeral or not) or a view (the App Home). */
  container: z.object({ type: z.string(), is_ephemeral: z.boolean().optional(), channel_id: slackId.optional() }),
  /** Present for clicks on messages; absent in views. */
  response_url: responseUrl.optional(),
  trigger_id: z.string().min(1).max(200),
  view: z.object({ type: z.string() }).optional(),
  actions: z.array(clickedElement).min(1),
});

export type BlockActions = z.infer<typeof blockActionsSchema>;

/** The payload a click carries, whichever element it came from. */
export const clickPayload = (action: BlockActions['actions'][number]): string => (action.type === 'button' ? action.value : action.selected_option.value);

/** A form field's block_id is the option it fills. */
export const optionNameSchema = z.enum(OPTION_NAMES);

const FORM_IDS = ['subscribe'] as const satisfies readonly FormId[];
export const formIdSchema = z.enum(FORM_IDS);

/** One input's state in a submitted modal. */
const stateValue = z.object({
  type: z.string(),
  value: z.string().max(3000).nullish(),
  selected_option: z.object({ value: z.string().max(L.optionValueChars) }).nullish(),
  selected_options: z.array(z.object({ value: z.string().max(L.optionValueChars) })).max(L.selectOptions).optional(),
});

export type StateValues = Record<string, Record<string, z.infer<typeof stateValue>>>;

export const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id: slackId, team_id: slackId.optional() }),
  team: z.object({ id: slackId }).nullish(),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().max(L.privateMetadataChars),
    blocks: z.array(z.object({ type: z.string(), block_id: z.string().optional() })),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValue)) }),
  }),
});

export type ViewSubmission = z.infer<typeof viewSubmissionSchema>;

/** A field of an open form modal changed (an input with dispatch_action): what it takes to redraw the modal. */
export const formFieldChangeSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: slackId, team_id: slackId.optional() }),
  view: z.object({
    id: z.string().min(1),
    hash: z.string().min(1),
    callback_id: z.string(),
    private_metadata: z.string().max(L.privateMetadataChars),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValue)) }),
  }),
});

/** What a modal carries from the click that opened it to its submission: where it was opened. */
export const modalMetadataSchema = z.object({
  team: slackId,
  channel: slackId,
  /** The click's response_url: a way to answer the person even in a channel the bot cannot post in (valid 30 minutes). */
  responseUrl: responseUrl.optional(),
});

export type ModalMetadata = z.infer<typeof modalMetadataSchema>;

/** private_metadata back into ModalMetadata; undefined when it is not ours or not readable. */
export function readModalMetadata(text: string): ModalMetadata | undefined {
  try {
    const parsed = modalMetadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const homeOpenedSchema = z.object({
  type: z.literal('app_home_opened'),
  user: slackId,
  /** "home" or "messages": only the Home tab gets a view. */
  tab: z.string().optional(),
});
