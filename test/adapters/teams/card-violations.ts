import { z } from 'zod';

/** What Teams takes in one message, as we read its documentation: the rules a rendered activity is held to. */
export const TEAMS_RULES = {
  activityBytes: 28 * 1024,
  maxCardVersion: 1.5,
  actionsPerSet: 6,
  payloadBytes: 64,
  /** Elements and actions of schema ≤ 1.5 (Table is 1.5). */
  types: new Set(['AdaptiveCard', 'TextBlock', 'RichTextBlock', 'TextRun', 'Image', 'Container', 'ColumnSet', 'Column', 'FactSet', 'Table', 'TableRow', 'TableCell', 'ActionSet', 'Action.Submit', 'Action.OpenUrl', 'Input.ChoiceSet']),
};

const activitySchema = z.object({
  type: z.literal('message'),
  summary: z.string().optional(),
  attachments: z.array(z.object({ contentType: z.string(), content: z.unknown().optional(), contentUrl: z.string().optional() })),
});

const utf8 = new TextEncoder();
const bytes = (s: string) => utf8.encode(s).length;

type Node = Record<string, unknown>;

function nodes(value: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(value)) value.forEach((v) => nodes(v, out));
  else if (typeof value === 'object' && value !== null) {
    const node = value as Node;
    if (typeof node['type'] === 'string') out.push(node);
    Object.values(node).forEach((v) => nodes(v, out));
  }
  return out;
}

/** The Teams limits a rendered activity breaks (empty when it fits). */
export function activityViolations(payload: unknown): string[] {
  const activity = activitySchema.parse(payload);
  const problems: string[] = [];
  const size = bytes(JSON.stringify(payload));
  if (size > TEAMS_RULES.activityBytes) problems.push(`the activity has ${size} bytes`);
  const cards = activity.attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (cards.length !== 1) problems.push(`${cards.length} adaptive cards`);
  for (const { content } of cards) {
    const card = z.object({ type: z.literal('AdaptiveCard'), version: z.string(), fallbackText: z.string().min(1), body: z.array(z.unknown()) }).safeParse(content);
    if (!card.success) {
      problems.push(`not a card: ${card.error.message}`);
      continue;
    }
    if (Number(card.data.version) > TEAMS_RULES.maxCardVersion) problems.push(`card version ${card.data.version}`);
    const all = nodes(content);
    const menus = new Set(all.filter((n) => n['type'] === 'Input.ChoiceSet').map((n) => String(n['id'])));
    if (menus.size !== all.filter((n) => n['type'] === 'Input.ChoiceSet').length) problems.push('two menus share an id');
    for (const node of all) {
      const type = String(node['type']);
      if (!TEAMS_RULES.types.has(type)) problems.push(`element ${type} is not in schema 1.5 as Teams renders it`);
      if (type === 'ActionSet') {
        const count = z.array(z.unknown()).parse(node['actions']).length;
        if (count === 0 || count > TEAMS_RULES.actionsPerSet) problems.push(`an action set with ${count} actions`);
      }
      if (type === 'Action.Submit') {
        if (typeof node['title'] !== 'string' || node['title'].trim() === '') problems.push('a button without a title');
        const data = z.record(z.string(), z.unknown()).parse(node['data']);
        const payload = data['payload'];
        const menu = data['menu'];
        if (typeof payload === 'string' ? bytes(payload) < 1 || bytes(payload) > TEAMS_RULES.payloadBytes : !(typeof menu === 'string' && menus.has(menu))) problems.push(`a button whose data carries no usable payload: ${JSON.stringify(data)}`);
      }
      if (type === 'Input.ChoiceSet') {
        const choices = z.array(z.object({ title: z.string(), value: z.string() })).parse(node['choices']);
        if (choices.length === 0) problems.push('an empty menu');
        for (const c of choices) if (c.title.trim() === '' || bytes(c.value) < 1 || bytes(c.value) > TEAMS_RULES.payloadBytes) problems.push(`a menu choice "${c.title}" with a ${bytes(c.value)}-byte value`);
      }
      if (type === 'TextRun' && typeof node['text'] !== 'string') problems.push('a text run without text');
    }
  }
  return problems;
}

/**
 * Whether an activity could notify people: Teams pings only through mention entities (on the
 * activity or in a card's msteams.entities); Markdown links and <at> tags only work in TextBlocks.
 */
export function couldPing(payload: unknown): boolean {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const markdownText = [...text.matchAll(/"type":"TextBlock","text":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '');
  return /"type":"mention"/.test(text) || /"msteams":\{[^{}]*"entities"/.test(text) || markdownText.some((t) => /<at>|\]\(/.test(t));
}
