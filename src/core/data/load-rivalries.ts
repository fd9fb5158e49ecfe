import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { checkRivalry, type DataIssue } from './check-rivalry.js';
import { rivalrySchema, type Rivalry } from './schema.js';

/** One problem in one data file, ready to print: `file at path: message`. */
export interface DataProblem extends DataIssue {
  file: string;
}

export interface LoadResult {
  rivalries: Rivalry[];
  problems: DataProblem[];
}

export function describeProblem(p: DataProblem): string {
  return p.path === '' ? `${p.file}: ${p.message}` : `${p.file} at ${p.path}: ${p.message}`;
}

/** Parses and checks one rivalry file's text. Every problem is reported, not just the first. */
export function parseRivalryText(text: string, file: string): { rivalry?: Rivalry; problems: DataProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problems: [{ file, path: '', message: `not valid JSON: ${jsonErrorWhere(text, error)}` }] };
  }
  return parseRivalryDocument(json, file);
}

/** Checks a rivalry document (parsed JSON, from a file or the database) with the schema and the semantic checks. */
export function parseRivalryDocument(json: unknown, file: string): { rivalry?: Rivalry; problems: DataProblem[] } {
  const parsed = rivalrySchema.safeParse(json);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((issue) => ({ file, path: formatPath(issue.path), message: describeZodIssue(issue, json) })) };
  }
  const problems = checkRivalry(parsed.data).map((i) => ({ file, ...i }));
  return problems.length > 0 ? { problems } : { rivalry: parsed.data, problems };
}

/** One `*.json` file of a rivalry directory: its text, and the rivalry when it passes every check. */
export interface RivalryFile {
  file: string;
  text: string;
  rivalry?: Rivalry;
  problems: DataProblem[];
}

/** Reads and checks every `*.json` in a directory (sorted by name); a missing directory is a problem of its own. */
export function readRivalryFiles(dir: string): { files: RivalryFile[]; problems: DataProblem[] } {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return { files: [], problems: [{ file: dir, path: '', message: 'not a directory' }] };
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return { files: [], problems: [{ file: dir, path: '', message: 'rivalry directory not found (set RIVALRY_DIR or --rivalry-dir)' }] };
  }
  const files = names.map((name): RivalryFile => {
    const file = basename(name);
    const text = readFileSync(join(dir, name), 'utf8');
    return { file, text, ...parseRivalryText(text, file) };
  });
  return { files, problems: [] };
}

/** Loads every `*.json` in a directory. Files with problems are left out and their problems returned. */
export function loadRivalryDir(dir: string): LoadResult {
  const { files, problems } = readRivalryFiles(dir);
  const rivalries: Rivalry[] = [];
  const fileBySlug = new Map<string, string>();
  for (const { file, rivalry, problems: found } of files) {
    problems.push(...found);
    if (rivalry === undefined) continue;
    const other = fileBySlug.get(rivalry.slug);
    if (other !== undefined) {
      problems.push({ file, path: 'slug', message: `duplicate slug "${rivalry.slug}", already used by ${other}` });
      continue;
    }
    fileBySlug.set(rivalry.slug, file);
    rivalries.push(rivalry);
  }
  if (files.length === 0 && problems.length === 0) problems.push({ file: dir, path: '', message: 'no rivalry files (*.json) in this directory' });
  return { rivalries, problems };
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc === '' ? String(key) : `${acc}.${String(key)}`), '');
}

function valueAt(json: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined), json);
}

function describeZodIssue(issue: z.core.$ZodIssue, json: unknown): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && valueAt(json, issue.path) === undefined) return `missing required field (expected ${issue.expected})`;
  return issue.message;
}

function jsonErrorWhere(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /position (\d+)/.exec(message);
  if (match?.[1] === undefined) return message;
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}
