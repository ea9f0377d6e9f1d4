/**
 * Bundles the server for production with esbuild: one entry file (`server/bundle/almanac.js`, the
 * `almanac` command whose `serve` is the server), tree-shaken, with code splitting so that every
 * dynamic `import()` (each CLI command; the HA simulator and the MQTT bridge where almanac.ts loads
 * them lazily) becomes a chunk loaded only when used. Chunks sit next to the entry, flat, so code
 * that finds files relative to `import.meta.url` (server/src/paths.ts) resolves them from any chunk
 * as it does from server/dist.
 *
 * better-sqlite3 stays external: a native module is loaded from node_modules by path. It and the
 * packages it loads are copied (runtime files only) into server/bundle/node_modules and listed in
 * externals.json, so server/bundle runs on its own: the add-on image copies just that folder, the
 * panel and package.json. The licences of everything bundled go to THIRD_PARTY_LICENSES.txt.
 *
 *   node --import tsx scripts/bundle.ts
 */
import { build, type Metafile } from 'esbuild';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './build-state.js';
import { koaLazyWebGlobals, lazyRequires, mimeDbLookupsOnly, oneMimeDb, zodEnglishOnly } from './bundle-trims.js';
import { copyRuntimeModules } from './runtime-modules.js';

export const BUNDLE_DIR = join(ROOT, 'server', 'bundle');
export const BUNDLE_ENTRY = join(BUNDLE_DIR, 'almanac.js');
export const EXTERNALS_FILE = join(BUNDLE_DIR, 'externals.json');
/** esbuild's account of the build (which input went into which chunk), for the tests; not shipped. */
export const METAFILE = join(ROOT, 'node_modules', '.cache', 'almanac-bundle-meta.json');

/** Native addons: loaded by path at run time, so shipped as packages, not bundled. */
const NATIVE = ['better-sqlite3'];
/** ws's optional speed-ups: ws requires them inside try/catch and works without them. */
const OPTIONAL = ['bufferutil', 'utf-8-validate'];
/** The oldest Node Almanac supports (package.json engines); the image runs Alpine's Node 24. */
const TARGET = 'node20';

/**
 * CommonJS dependencies (koa, pino, …) call `require` for Node's own modules; an ES module has no
 * `require`, so each output file gets one made for it.
 */
const REQUIRE_SHIM = "import { createRequire as __almanacCreateRequire } from 'node:module';\nconst require = __almanacCreateRequire(import.meta.url);";

interface PackageJson {
  name: string;
  version: string;
  license?: string;
  dependencies?: Record<string, string>;
}

function readPackage(name: string): PackageJson {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as PackageJson;
}

/** The externals plus every package they need at run time (their dependencies, transitively). */
export function runtimeClosure(roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const dep of Object.keys(readPackage(name).dependencies ?? {})) {
      // prebuild-install is better-sqlite3's install step (fetches the binary), never loaded at run time.
      if (dep !== 'prebuild-install') visit(dep);
    }
  };
  roots.forEach(visit);
  return [...seen].sort();
}

/** The npm packages whose code went into the bundle (from esbuild's metafile). */
function bundledPackages(meta: Metafile): string[] {
  const names = new Set<string>();
  for (const input of Object.keys(meta.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) names.add(match[1]!);
  }
  return [...names].sort();
}

/** Every bundled package's licence text, as MIT and the other permissive licences require. */
function licences(packages: readonly string[]): string {
  return packages
    .map((name) => {
      const pkg = readPackage(name);
      const dir = join(ROOT, 'node_modules', name);
      const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
      const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `License: ${pkg.license ?? 'see the package'}`;
      return `${pkg.name} ${pkg.version} (${pkg.license ?? 'unknown'})\n\n${text}\n`;
    })
    .join(`\n${'-'.repeat(72)}\n\n`);
}

export async function bundle(): Promise<Metafile> {
  if (existsSync(BUNDLE_DIR)) rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { almanac: 'server/src/cli.ts' },
    outdir: BUNDLE_DIR,
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: TARGET,
    external: [...NATIVE, ...OPTIONAL],
    banner: { js: REQUIRE_SHIM },
    // Fully minified, but with keepNames: functions and classes keep their names (`.name`, and
    // so the frames of stack traces in the add-on's log) without source maps, which Node would
    // need --enable-source-maps for and which would double the size. Local names shrink: 650 KB
    // less source for V8 to parse and keep in memory at every start.
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: true,
    keepNames: true,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    plugins: [zodEnglishOnly(), oneMimeDb(ROOT), mimeDbLookupsOnly(), koaLazyWebGlobals(), lazyRequires()],
    logLevel: 'warning',
  });
  chmodSync(BUNDLE_ENTRY, 0o755);
  const packages = runtimeClosure(NATIVE);
  writeFileSync(EXTERNALS_FILE, `${JSON.stringify({ packages }, null, 2)}\n`);
  copyRuntimeModules(packages, join(ROOT, 'node_modules'), join(BUNDLE_DIR, 'node_modules'));
  writeFileSync(join(BUNDLE_DIR, 'THIRD_PARTY_LICENSES.txt'), licences(bundledPackages(result.metafile)));
  mkdirSync(dirname(METAFILE), { recursive: true });
  writeFileSync(METAFILE, JSON.stringify(result.metafile));
  return result.metafile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const meta = await bundle();
  const outputs = Object.entries(meta.outputs).filter(([file]) => file.endsWith('.js'));
  const bytes = outputs.reduce((n, [, o]) => n + o.bytes, 0);
  process.stdout.write(`bundled server/bundle: ${outputs.length} files, ${(bytes / 1024).toFixed(0)} KiB, in ${Date.now() - started} ms\n`);
}
