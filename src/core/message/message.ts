import type { ChartData } from '../charts/chart-data.js';
import type { MessageAction } from './actions.js';

/**
 * The neutral message every command returns. Plain text only: no platform markup. Adapters turn it
 * into Block Kit, embeds, HTML… and escape every string at render time, because any string here
 * may contain data-file or user text.
 */

export interface MessageField {
  label: string;
  value: string;
  /** A hint that the field reads well side by side with its neighbours. */
  inline?: boolean;
}

export interface MessageTable {
  columns: Array<{ header: string; align: 'left' | 'right' }>;
  rows: string[][];
}

export type Severity = 'info' | 'error';
/** public: everyone in the channel should see it; private: only the person who asked (ephemeral). */
export type Visibility = 'public' | 'private';

export interface Message {
  title: string;
  summary?: string;
  fields: MessageField[];
  table?: MessageTable;
  /** Footer lines: periods compared, sources, definitions, caveats. */
  context: string[];
  severity: Severity;
  visibility: Visibility;
  /** Required plain-text version for notifications, screen readers and platforms without layout. */
  fallbackText: string;
  /** Hex colour (e.g. the leader's), for platforms that show one. */
  accentColour?: string;
  /** A chart to draw and attach (as an image where the platform can; as sparklines in text). */
  chart?: ChartData;
  /** Next steps as buttons and menus (platforms without them show none; the text commands still work). */
  actions?: MessageAction[];
}

export interface MessageInput {
  title: string;
  summary?: string;
  fields?: MessageField[];
  table?: MessageTable;
  context?: string[];
  severity?: Severity;
  visibility?: Visibility;
  fallbackText: string;
  accentColour?: string;
  chart?: ChartData;
  actions?: MessageAction[];
}

export function createMessage(input: MessageInput): Message {
  return {
    ...input,
    fields: input.fields ?? [],
    context: input.context ?? [],
    severity: input.severity ?? 'info',
    visibility: input.visibility ?? 'public',
  };
}

/** An error or refusal: always private to the person who asked. */
export function errorMessage(title: string, detail: string, hints: string[] = []): Message {
  return createMessage({
    title,
    summary: detail,
    context: hints,
    severity: 'error',
    visibility: 'private',
    fallbackText: `${title}: ${detail}`,
  });
}
