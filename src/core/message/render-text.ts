import type { ChartData } from '../charts/chart-data.js';
import { formatValue } from '../metrics/format-metric.js';
import type { Message, MessageTable } from './message.js';

/** Removes terminal control characters (ANSI escapes included) from data or user text; keeps newlines and tabs. */
export function sanitizeForTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** Pads cells so columns line up in a monospace font. Shared by every text-like renderer. */
export function renderTableText(table: MessageTable): string {
  const widths = table.columns.map((col, i) => Math.max(col.header.length, ...table.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    table.columns
      .map((col, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return col.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const header = line(table.columns.map((c) => c.header));
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [header, rule, ...table.rows.map(line)].join('\n');
}

const BARS = '▁▂▃▄▅▆▇█';

/** One Unicode sparkline per series, on a shared scale so the lines compare; end values in the metric's unit ($B or %). */
export function renderSparklines(chart: ChartData): string {
  const values = chart.series.flatMap((s) => s.points.map((p) => p.value));
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  const width = Math.max(...chart.series.map((s) => s.name.length));
  return chart.series
    .map((s) => {
      const line = s.points.map((p) => BARS[Math.round(((p.value - min) / span) * (BARS.length - 1))] ?? '').join('');
      const first = s.points[0];
      const last = s.points.at(-1);
      return `${s.name.padEnd(width)}  ${line}  ${first?.label ?? ''} ${formatValue(chart, first?.value ?? 0)} → ${last?.label ?? ''} ${formatValue(chart, last?.value ?? 0)}`;
    })
    .join('\n');
}

/** Plain text for the console and the CLI. */
export function renderText(message: Message): string {
  const parts: string[] = [];
  const title = message.severity === 'error' ? `✗ ${message.title}` : message.title;
  parts.push(title);
  if (message.summary !== undefined) parts.push(message.summary);
  if (message.fields.length > 0) {
    const width = Math.max(...message.fields.map((f) => f.label.length));
    parts.push(message.fields.map((f) => `${`${f.label}:`.padEnd(width + 1)} ${f.value.replace(/\n/g, `\n${' '.repeat(width + 2)}`)}`).join('\n'));
  }
  if (message.chart !== undefined) parts.push(renderSparklines(message.chart));
  if (message.table !== undefined) parts.push(renderTableText(message.table));
  if (message.context.length > 0) parts.push(message.context.map((c) => `· ${c}`).join('\n'));
  // Buttons can't be clicked in a terminal: name the next steps, which are commands to type.
  const next = (message.actions ?? []).flatMap((a) => (a.type === 'select' ? [] : [a.label]));
  if (next.length > 0) parts.push(`Next: ${next.join(' · ')}`);
  return sanitizeForTerminal(parts.join('\n\n'));
}
