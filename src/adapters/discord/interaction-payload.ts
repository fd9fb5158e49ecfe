import { z } from 'zod';

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

/** The parts of an interaction we use, checked before anything reads them. */
export const interactionSchema = z.object({
  id: z.string().regex(/^\d+$/),
  application_id: z.string().regex(/^\d+$/),
  type: z.number().int(),
  token: z.string().min(1).max(500),
  data: z.object({ name: z.string().min(1), type: z.number().int().optional(), options: z.array(optionSchema).max(25).optional() }).optional(),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  member: z.object({ user, permissions: z.string().optional() }).optional(),
  user: user.optional(),
});

export type InteractionPayload = z.infer<typeof interactionSchema>;

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
