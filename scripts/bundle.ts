/**
 * Bundles the server for production with esbuild into server/bundle:
 *
 * - main.js: all of the server and the CLI in one CommonJS file, tree-shaken. Every dynamic
 *   `import()` (each CLI command; the HA simulator and the MQTT bridge, which almanac.ts loads
 *   only when used) stays lazy: its modules are evaluated on first use, never at start.
 * - almanac.js: the `almanac` command (server/src/launch.ts), which runs main.js through V8's code
 *   cache, so a start neither parses nor compiles what the previous start already did.
 *
 * One file rather than chunks because Node 20 can give a code cache only to a script, not to ES
 * modules. A package.json marks the folder CommonJS; code that finds files relative to
 * `import.meta.url` (server/src/paths.ts) gets main.js's URL, which sits where server/dist's
 * files do, one folder below server/.
 *
 * better-sqlite3's addon stays external: a native module is loaded by path. Its JavaScript is in
 * main.js; the package and those it would load to find the addon are copied (runtime files only)
 * into server/bundle/node_modules and listed in externals.json, so server/bundle runs on its own:
 * the add-on image copies just that folder, the panel and package.json. The licences of
 * everything bundled go to THIRD_PARTY_LICENSES.txt.
 *
 *   node --import tsx scripts/bundle.ts
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './build-state.js';
import { absentOptionals, DESTROY_LAZY_READ_STREAM, KOA_LAZY_WEB_GLOBALS, LAZY_REQUIRE_EDITS, mimeDbLookupsOnly, mimeTypesPrecomputed, oneMimeDb, sourceEdits, zodEnglishOnly } from './bundle-trims.js';
import { copyRuntimeModules } from './runtime-modules.js';

export const BUNDLE_DIR = join(ROOT, 'server', 'bundle');
/** The `almanac` command: the launcher. */
export const BUNDLE_ENTRY = join(BUNDLE_DIR, 'almanac.js');
/** The server and CLI themselves, which the launcher runs. */
export const BUNDLE_MAIN = join(BUNDLE_DIR, 'main.js');
export const EXTERNALS_FILE = join(BUNDLE_DIR, 'externals.json');
/** esbuild's account of the build (which input went into which chunk), for the tests; not shipped. */
export const METAFILE = join(ROOT, 'node_modules', '.cache', 'almanac-bundle-meta.json');

/** Packages with a native addon: shipped as packages (the addon is loaded by path at run time). */
const NATIVE = ['better-sqlite3'];
/**
 * What of them stays outside main.js: the addon itself, and `bindings`, which looks for it when
 * Almanac does not say where it is (server/src/store/db.ts does). better-sqlite3's own JavaScript
 * is bundled: required from node_modules, its dozen files cost a start ~100 path resolutions, enough
 * for V8 to optimize path.resolve's inner loop and so touch ~3 MB of its optimizing compiler.
 */
const NATIVE_ADDONS = ['*.node', 'bindings'];
/**
 * Big packages that only some uses of Almanac load: the body parser's character sets (a request
 * with a body), YAML (export and import) and MQTT (a configured broker). Each is bundled into a
 * file of its own under server/bundle/node_modules, where main.js's `require` finds it, so that
 * the ~900 KB they weigh are not read, and kept in memory, at every start.
 */
const ON_DEMAND = ['iconv-lite', 'yaml', 'mqtt'];
/** ws's optional speed-ups: ws requires them inside try/catch and works without them. */
const OPTIONAL = ['bufferutil', 'utf-8-validate'];
/** And debug's colours, likewise; none of them is installed. */
const ABSENT = [...OPTIONAL, 'supports-color'];
/** The oldest Node Almanac supports (package.json engines); the image runs Alpine's Node 24. */
const TARGET = 'node20';

/**
 * `import.meta.url` in a CommonJS file: the file's own URL. Made once per file from `__filename`,
 * which Node's wrapper (or the launcher's) provides.
 */
const IMPORT_META_URL = "const __almanacImportMetaUrl = require('node:url').pathToFileURL(__filename).href;";

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

/**
 * Fully minified, but with keepNames: functions and classes keep their names (`.name`, and so the
 * frames of stack traces in the add-on's log) without source maps, which Node would need
 * --enable-source-maps for and which would double the size. Local names shrink: 650 KB less source
 * for V8 to parse and keep in memory at every start.
 */
const MINIFIED: BuildOptions = { minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: true, keepNames: true };

/**
 * One package, with what it requires, as a single minified file in server/bundle/node_modules/<name>
 * (index.js and a package.json naming it), for main.js to `require` when it first needs it.
 */
async function bundlePackage(name: string, common: BuildOptions): Promise<Metafile> {
  const pkg = readPackage(name);
  const dir = join(BUNDLE_DIR, 'node_modules', name);
  const result = await build({
    ...common,
    stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: ROOT, sourcefile: `${name}.cjs` },
    outfile: join(dir, 'index.js'),
    external: OPTIONAL,
    ...MINIFIED,
    metafile: true,
  });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, version: pkg.version, license: pkg.license, main: 'index.js' }, null, 2)}\n`);
  return result.metafile;
}

/** The launcher is built for one main.js: its hash names the code caches that fit it. */
function buildId(): string {
  return createHash('sha256').update(readFileSync(BUNDLE_MAIN)).digest('hex').slice(0, 16);
}

export async function bundle(): Promise<Metafile> {
  if (existsSync(BUNDLE_DIR)) rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const common: BuildOptions = { absWorkingDir: ROOT, bundle: true, format: 'cjs', platform: 'node', target: TARGET, legalComments: 'none', sourcemap: false, logLevel: 'warning' };
  const result = await build({
    ...common,
    entryPoints: [join(ROOT, 'server/src/bundle-main.ts')],
    outfile: BUNDLE_MAIN,
    external: [...NATIVE_ADDONS, ...ON_DEMAND],
    define: { 'import.meta.url': '__almanacImportMetaUrl' },
    // import() of a package left outside (yaml) becomes a require: code run from a vm.Script, as
    // the launcher runs main.js, has no ES module loader to resolve an import() with.
    supported: { 'dynamic-import': false },
    banner: { js: IMPORT_META_URL },
    ...MINIFIED,
    metafile: true,
    plugins: [
      zodEnglishOnly(),
      oneMimeDb(ROOT),
      mimeDbLookupsOnly(),
      absentOptionals(ABSENT),
      sourceEdits([KOA_LAZY_WEB_GLOBALS, ...LAZY_REQUIRE_EDITS, DESTROY_LAZY_READ_STREAM, mimeTypesPrecomputed(ROOT)]),
    ],
  });
  await build({
    ...common,
    entryPoints: [join(ROOT, 'server/src/launch.ts')],
    outfile: BUNDLE_ENTRY,
    define: { ALMANAC_BUILD: JSON.stringify(buildId()) },
    minifySyntax: true,
  });
  const onDemand = await Promise.all(ON_DEMAND.map((name) => bundlePackage(name, common)));
  writeFileSync(join(BUNDLE_DIR, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
  chmodSync(BUNDLE_ENTRY, 0o755);
  const packages = runtimeClosure(NATIVE);
  writeFileSync(EXTERNALS_FILE, `${JSON.stringify({ packages }, null, 2)}\n`);
  copyRuntimeModules(packages, join(ROOT, 'node_modules'), join(BUNDLE_DIR, 'node_modules'));
  writeFileSync(join(BUNDLE_DIR, 'THIRD_PARTY_LICENSES.txt'), licences([...new Set([result.metafile, ...onDemand].flatMap(bundledPackages))].sort()));
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
