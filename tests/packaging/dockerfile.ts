/**
 * A small reader for the Dockerfile and .dockerignore, enough for the packaging tests: build
 * stages, their instructions with continuation lines joined, COPY sources, and the ignore rules
 * (Docker's semantics: patterns in order, the last match wins, `!` re-includes).
 */

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  /** The image after FROM, unexpanded (e.g. `${BUILD_FROM}`). */
  from: string;
  name: string | undefined;
  workdir: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Record<string, string | undefined>;
  stages: Stage[];
}

/** Joins `\`-continued lines and drops comments and blank lines. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && current === '')) continue;
    if (line.endsWith('\\')) current += `${line.slice(0, -1).trimEnd()} `;
    else {
      out.push(`${current}${line}`.trim());
      current = '';
    }
  }
  return out.filter(Boolean);
}

export function parseDockerfile(text: string): Dockerfile {
  const dockerfile: Dockerfile = { globalArgs: {}, stages: [] };
  for (const line of logicalLines(text)) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    const stage = dockerfile.stages.at(-1);
    if (upper === 'FROM') {
      const [, from = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      dockerfile.stages.push({ from, name, workdir: '/', instructions: [] });
    } else if (!stage) {
      if (upper === 'ARG') {
        const [name = '', value] = args.split('=', 2);
        dockerfile.globalArgs[name] = value;
      }
    } else {
      if (upper === 'WORKDIR') stage.workdir = args.startsWith('/') ? args : `${stage.workdir.replace(/\/$/, '')}/${args}`;
      stage.instructions.push({ keyword: upper, args });
    }
  }
  return dockerfile;
}

export interface Copy {
  from: string | undefined;
  sources: string[];
  destination: string;
  /** The stage's WORKDIR when the COPY ran, for relative paths. */
  workdir: string;
}

/** The COPY instructions of a stage (shell form), with `--from=` split out. */
export function copies(stage: Stage): Copy[] {
  const out: Copy[] = [];
  let workdir = '/';
  for (const { keyword, args } of stage.instructions) {
    if (keyword === 'WORKDIR') workdir = args.startsWith('/') ? args : `${workdir.replace(/\/$/, '')}/${args}`;
    if (keyword !== 'COPY') continue;
    const words = args.split(/\s+/);
    const flags = words.filter((w) => w.startsWith('--'));
    const paths = words.filter((w) => !w.startsWith('--'));
    const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
    out.push({ from, sources: paths.slice(0, -1), destination: paths.at(-1)!, workdir });
  }
  return out;
}

/** Docker's matching: `*` within a path segment, `**` across segments, `?` one character. */
function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** True when .dockerignore keeps `path` (relative, `/`-separated) out of the build context. */
export function isIgnored(dockerignore: string, path: string): boolean {
  const rules = dockerignore
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => ({ negate: line.startsWith('!'), re: globToRegExp(line.replace(/^!/, '').replace(/^\/+|\/+$/g, '')) }));
  // A path is excluded when it or any folder above it is matched, the last matching rule deciding.
  const segments = path.split('/');
  const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (prefixes.some((prefix) => rule.re.test(prefix))) ignored = !rule.negate;
  }
  return ignored;
}
