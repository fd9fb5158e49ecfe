import { z } from 'zod';
import { COMPONENT_LIMITS as C, MODAL_LIMITS as M } from './limits.js';

/** An option as Discord sends it: subcommands nest their own options. */
export interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  focused?: boolean | undefined;
  options?: InteractionOption[] | undefined;
}

const optionSchema: z.ZodType<InteractionOption> = z.lazy(() =>
  z.object({
    name: z.string().min(1).max(32),
    type: z.number().int(),
    value: z.union([z.string().max(6000), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(optionSchema).max(25).optional(),
  }),
);

const user = z.object({ id: z.string().regex(/^\d+$/) });
const customId = z.string().min(1).max(C.customIdChars);

/** The parts every interaction shares that we use. */
const base = {
  id: z.string().regex(/^\d+$/),
  application_id: z.string().regex(/^\d+$/),
  token: z.string().min(1).max(500),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  member: z.object({ user, permissions: z.string().optional() }).optional(),
  user: user.optional(),
};

const commandData = z.object({ name: z.string().min(1), type: z.number().int().optional(), options: z.array(optionSchema).max(25).optional() });

/** A click: the component's custom_id, and a menu's chosen values (each a payload, so no longer than one). */
const componentData = z.object({
  custom_id: customId,
  component_type: z.number().int(),
  values: z.array(z.string().max(C.selectOptionValueChars)).max(C.selectOptions).optional(),
});

const textInput = z.object({ type: z.literal(4), custom_id: customId, value: z.string().max(M.valueChars).optional() });
/** Text inputs come back as they were sent: inside labels (type 18), or in the older action rows (type 1). */
const modalComponent = z.union([z.object({ type: z.literal(18), component: textInput }), z.object({ type: z.literal(1), components: z.array(textInput).max(1) })]);
const modalData = z.object({ custom_id: customId, components: z.array(modalComponent).max(M.components) });

/** The interactions we answer, checked before anything reads them: anything else is refused as malformed. */
export const interactionSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal(1) }),
  z.object({ ...base, type: z.literal(2), data: commandData }),
  z.object({ ...base, type: z.literal(3), data: componentData }),
  z.object({ ...base, type: z.literal(4), data: commandData }),
  z.object({ ...base, type: z.literal(5), data: modalData }),
]);

export type InteractionPayload = z.infer<typeof interactionSchema>;
export type ComponentInteraction = Extract<InteractionPayload, { type: 3 }>;
export type ModalSubmitInteraction = Extract<InteractionPayload, { type: 5 }>;

/** A modal submission's text, by input custom_id. */
export function submittedText(data: ModalSubmitInteraction['data']): Record<string, string> {
  const inputs = data.components.flatMap((c) => ('component' in c ? [c.component] : c.components));
  return Object.fromEntries(inputs.map((i) => [i.custom_id, i.value ?? '']));
}

export interface SelectedSubcommand {
  name: string;
  options: Record<string, string | number>;
  focused?: { name: string; value: string };
}

/** /rivalry <subcommand> [options] → the subcommand's name, its option values and the focused one. */
export function selectedSubcommand(options: readonly InteractionOption[] | undefined): SelectedSubcommand | undefined {
  const sub = options?.find((o) => o.type === 1);
  if (sub === undefined) return undefined;
  const values: Record<string, string | number> = {};
  let focused: SelectedSubcommand['focused'];
  for (const o of sub.options ?? []) {
    if (typeof o.value === 'string' || typeof o.value === 'number') values[o.name] = o.value;
    if (o.focused === true) focused = { name: o.name, value: String(o.value ?? '') };
  }
  return { name: sub.name, options: values, ...(focused === undefined ? {} : { focused }) };
}
