/**
 * Shared reading of the add-on's packaging files for tests/packaging: the repository root, parsed
 * YAML, the list of repository files, and the Supervisor's option type grammar.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function readText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

export function readYaml<T = Record<string, unknown>>(path: string): T {
  return parse(readText(path)) as T;
}

export interface AddonConfig {
  name: string;
  version: string;
  slug: string;
  url?: string;
  arch: string[];
  ingress?: boolean;
  ingress_port?: number;
  ingress_entry?: string;
  image?: string;
  timeout?: number;
  services?: string[];
  backup?: string;
  options: Record<string, unknown>;
  schema: Record<string, string | string[]>;
  [key: string]: unknown;
}

export function addonConfig(): AddonConfig {
  return readYaml<AddonConfig>('config.yaml');
}

/** Folders that are never part of the repository as the Supervisor clones it. */
const NOT_IN_REPOSITORY = new Set(['node_modules', 'dist', 'artifacts']);

/**
 * Every file of the repository (tracked, or new and not ignored), relative to the root. Uses git
 * when the tree is a checkout; otherwise walks the tree, skipping dot-folders and build outputs.
 */
export function repositoryFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (git.status === 0) return git.stdout.split('\n').filter(Boolean);
  return walk('');
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = dir ? `${dir}/${name}` : name;
    if (statSync(join(ROOT, path)).isDirectory()) {
      if (!name.startsWith('.') && !NOT_IN_REPOSITORY.has(name)) out.push(...walk(path));
    } else out.push(path);
  }
  return out;
}

/**
 * The Supervisor's grammar for one `schema:` element (supervisor/apps/options.py,
 * RE_SCHEMA_ELEMENT; named groups written the JavaScript way).
 */
export const RE_SCHEMA_ELEMENT = new RegExp(
  '^(?:' +
    '|bool' +
    '|email' +
    '|url' +
    '|port' +
    '|device(?:\\((?<filter>subsystem=[a-z]+)\\))?' +
    '|str(?:\\((?<s_min>\\d+)?,(?<s_max>\\d+)?\\))?' +
    '|password(?:\\((?<p_min>\\d+)?,(?<p_max>\\d+)?\\))?' +
    '|int(?:\\((?<i_min>-?\\d+)?,(?<i_max>-?\\d+)?\\))?' +
    '|float(?:\\((?<f_min>-?\\d*\\.?\\d+)?,(?<f_max>-?\\d*\\.?\\d+)?\\))?' +
    '|match\\((?<match>.*)\\)' +
    '|list\\((?<list>.+)\\)' +
    ')\\??$',
);

/** One schema element, understood: its base type, bounds and whether it may be left out. */
export interface SchemaType {
  base: 'bool' | 'email' | 'url' | 'port' | 'device' | 'str' | 'password' | 'int' | 'float' | 'match' | 'list';
  optional: boolean;
  /** A list of such elements (`key: [ "list(a|b)" ]`). */
  many: boolean;
  min?: number;
  max?: number;
  pattern?: string;
  values?: string[];
}

/** Parses a `schema:` value; undefined when the Supervisor would reject it. */
export function parseSchemaType(element: string | string[]): SchemaType | undefined {
  const many = Array.isArray(element);
  const text = many ? element[0] : element;
  if (typeof text !== 'string' || (many && element.length !== 1)) return undefined;
  const match = RE_SCHEMA_ELEMENT.exec(text);
  if (!match) return undefined;
  const groups = match.groups ?? {};
  const base = /^[a-z]+/.exec(text)?.[0] as SchemaType['base'];
  const bound = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));
  const type: SchemaType = { base, optional: text.endsWith('?'), many };
  const min = bound(groups.s_min ?? groups.p_min ?? groups.i_min ?? groups.f_min);
  const max = bound(groups.s_max ?? groups.p_max ?? groups.i_max ?? groups.f_max);
  if (min !== undefined) type.min = min;
  if (max !== undefined) type.max = max;
  if (groups.match !== undefined) type.pattern = groups.match;
  if (groups.list !== undefined) type.values = groups.list.split('|');
  return type;
}
