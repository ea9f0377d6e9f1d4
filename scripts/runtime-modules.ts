/**
 * The packages the bundle leaves external (the native better-sqlite3 and what it loads), copied
 * with only what runs: no C sources, no compiler leftovers, no docs or tests. They go into
 * server/bundle/node_modules, where Node finds them from the bundle's files, so server/bundle is
 * self-contained: the add-on image copies that folder and needs no other node_modules.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';

/** Folders that never run: a native package's C/C++ sources and bundled SQLite, tests, docs. */
const NATIVE_SOURCE_DIRS = new Set(['deps', 'src']);
const NEVER = new Set(['node_modules', 'test', 'tests', 'docs', '.github']);
/** Compiled addons node-gyp leaves in build/Release; the test extension is better-sqlite3's own. */
const ADDON = /^[^/]+\.node$/;
const TEST_ADDON = 'test_extension.node';

/** Whether `path` (relative to the package) is needed at run time. */
export function runsAtRuntime(path: string, native: boolean): boolean {
  const parts = path.split(sep);
  const [top] = parts;
  if (!top || NEVER.has(top) || (native && NATIVE_SOURCE_DIRS.has(top))) return false;
  if (top === 'build') return parts.length === 1 || (parts[1] === 'Release' && (parts.length === 2 || (parts.length === 3 && ADDON.test(parts[2]!) && parts[2] !== TEST_ADDON)));
  if (basename(path).startsWith('.')) return false;
  return !/\.(md|markdown|d\.ts|gyp|gypi)$/i.test(basename(path)) || /^licen[cs]e/i.test(basename(path));
}

/** Copies each package from `from` (a node_modules folder) to `to`, runtime files only; returns the bytes copied. */
export function copyRuntimeModules(packages: readonly string[], from: string, to: string): number {
  let bytes = 0;
  for (const name of packages) {
    const source = join(from, name);
    const native = existsSync(join(source, 'binding.gyp'));
    mkdirSync(join(to, name), { recursive: true });
    cpSync(source, join(to, name), {
      recursive: true,
      filter: (path) => {
        const rel = relative(source, path);
        if (rel === '') return true;
        const keep = runsAtRuntime(rel, native);
        if (keep && statSync(path).isFile()) bytes += statSync(path).size;
        return keep;
      },
    });
  }
  return bytes;
}

/** Every file below `dir`, relative to it (for tests and the build's report). */
export function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, join(prefix, name)) : [join(prefix, name)];
  });
}
