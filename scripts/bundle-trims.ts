/**
 * esbuild plugins that keep code the server never runs out of the start-up path. Every start parses
 * and evaluates what the bundle holds, so each of these is a few milliseconds and megabytes saved
 * on a Raspberry Pi (figures: `npm run bench -- scale`, module costs).
 *
 * Each plugin fails the build when the code it expects is gone (a dependency changed), rather than
 * silently trimming nothing.
 */
import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/**
 * zod 4 bundles its error messages in 40 languages and exports them all (`z.locales`), so none is
 * tree-shaken. Almanac's API speaks English (its messages are its own), and zod configures English
 * itself: the locale index is replaced by one that has only `en`.
 */
export function zodEnglishOnly(): Plugin {
  return {
    name: 'zod-english-only',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
        if (!args.importer.includes(join('node_modules', 'zod'))) return undefined;
        return { path: join(dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-locales' };
      });
      build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => {
        const dir = dirname(args.path);
        if (!readFileSync(args.path, 'utf8').includes('default as en }')) throw new Error(`zod's locale index changed: ${args.path}`);
        return { contents: 'export { default as en } from "./en.js";\n', resolveDir: dir, loader: 'js' };
      });
    },
  };
}

/**
 * Koa and accepts depend on two majors of mime-types, each with its own copy of mime-db (150 KB of
 * JSON evaluated at start). accepts only calls `lookup`, which both majors have: it gets koa's.
 */
export function oneMimeDb(root: string): Plugin {
  const require = createRequire(join(root, 'package.json'));
  const target = require.resolve('mime-types');
  return {
    name: 'one-mime-db',
    setup(build) {
      build.onResolve({ filter: /^mime-types$/ }, () => ({ path: target }));
    },
  };
}

/**
 * A change to one dependency's source, made as esbuild loads it. Each must find the code it
 * expects, exactly as often as it expects it, or the build fails.
 */
export interface SourceEdit {
  file: RegExp;
  edit(source: string, path: string): string;
}

/** `source` with `from` (a global pattern, which must match exactly once) replaced by `to`. */
function replaceOnce(source: string, path: string, from: RegExp, to: (...groups: string[]) => string): string {
  let count = 0;
  const result = source.replace(from, (...match: string[]) => {
    count++;
    return to(...match);
  });
  if (count !== 1) throw new Error(`expected one ${from} in ${path}, found ${count}`);
  return result;
}

/**
 * All the source edits, as one plugin: esbuild loads a file with the first plugin that answers, so
 * two edits of one file (koa's response.js has two) must be made by the same one.
 */
export function sourceEdits(edits: readonly SourceEdit[]): Plugin {
  return {
    name: 'source-edits',
    setup(build) {
      const files = new RegExp(edits.map((e) => e.file.source).join('|'));
      build.onLoad({ filter: files }, (args) => {
        const mine = edits.filter((e) => e.file.test(args.path));
        if (mine.length === 0) return undefined;
        const contents = mine.reduce((source, e) => e.edit(source, args.path), readFileSync(args.path, 'utf8'));
        return { contents, loader: 'js' };
      });
    },
  };
}

/**
 * Koa checks every body it sends with `instanceof Response` and `instanceof ReadableStream`. In
 * Node the first touch of the global `Response` loads undici (~30 ms and several MB), and a JSON
 * body would pay it on the first request. These stand-ins answer the same `instanceof` without
 * touching the globals for anything that cannot be one (a plain object, our JSON).
 */
const LAZY_WEB_CLASSES = `
class __AlmanacLazyResponse { static [Symbol.hasInstance](v) { return v !== null && typeof v === 'object' && typeof v.arrayBuffer === 'function' && v instanceof globalThis.Response; } }
class __AlmanacLazyReadableStream { static [Symbol.hasInstance](v) { return v !== null && typeof v === 'object' && typeof v.getReader === 'function' && v instanceof globalThis.ReadableStream; } }
`;

export const KOA_LAZY_WEB_GLOBALS: SourceEdit = {
  file: /node_modules[\\/]koa[\\/]lib[\\/](response|application)\.js$/,
  edit(source, path) {
    if (!/ instanceof (Response|ReadableStream)\b/.test(source)) throw new Error(`koa no longer checks bodies with instanceof Response: ${path}`);
    return `${source.replace(/ instanceof (Response|ReadableStream)\b/g, (_, name: string) => ` instanceof __AlmanacLazy${name}`)}\n${LAZY_WEB_CLASSES}`;
  },
};

/**
 * mime-db describes 2,500 media types; mime-types (koa's `ctx.type`, accepts) only reads the ones
 * with file extensions or a default charset. The other 1,500 (half of its 160 KB) are dropped from
 * the JSON the start evaluates, and so is `compressible`, which nothing bundled reads.
 */
export function mimeDbLookupsOnly(): Plugin {
  return {
    name: 'mime-db-lookups-only',
    setup(build) {
      build.onLoad({ filter: /node_modules[\\/]mime-db[\\/]db\.json$/ }, (args) => {
        const db = JSON.parse(readFileSync(args.path, 'utf8')) as Record<string, { source?: string; charset?: string; extensions?: string[] }>;
        const kept: typeof db = {};
        for (const [type, { source, charset, extensions }] of Object.entries(db)) {
          if (!extensions?.length && !charset) continue;
          kept[type] = { ...(source ? { source } : {}), ...(charset ? { charset } : {}), ...(extensions?.length ? { extensions } : {}) };
        }
        if (!kept['application/json']?.charset || !kept['text/html']?.extensions?.includes('html')) throw new Error(`mime-db's shape changed: ${args.path}`);
        return { contents: JSON.stringify(kept), loader: 'json' };
      });
    },
  };
}

/**
 * Modules that dependencies require at load but use only on paths Almanac rarely or never takes:
 * ws needs TLS and HTTPS only for a wss:// Home Assistant and zlib only for compressed frames,
 * destroy (Koa's) needs zlib only to close a compressed stream, pino loads thread-stream only for
 * transports (Almanac writes its log itself). Each `require` becomes a stand-in that loads the
 * module on first use (a property read, a call or `new`), so a start does not load what it does
 * not use.
 */
const LAZY_REQUIRES: readonly { file: RegExp; modules: readonly string[] }[] = [
  { file: /node_modules[\\/]ws[\\/]lib[\\/]websocket\.js$/, modules: ['https', 'tls'] },
  { file: /node_modules[\\/]ws[\\/]lib[\\/]permessage-deflate\.js$/, modules: ['zlib'] },
  { file: /node_modules[\\/]destroy[\\/]index\.js$/, modules: ['zlib'] },
  { file: /node_modules[\\/]pino[\\/]lib[\\/]transport\.js$/, modules: ['thread-stream'] },
];

const LAZY_MODULE = `
function __almanacLazyModule(load) {
  let loaded;
  const real = () => (loaded ??= load());
  return new Proxy(function () {}, {
    get: (_, key) => real()[key],
    has: (_, key) => key in real(),
    apply: (_, self, args) => Reflect.apply(real(), self, args),
    construct: (_, args) => Reflect.construct(real(), args),
  });
}
`;

export const LAZY_REQUIRE_EDITS: readonly SourceEdit[] = LAZY_REQUIRES.map(({ file, modules }) => ({
  file,
  edit(source, path) {
    const lazy = modules.reduce(
      (text, name) => replaceOnce(text, path, new RegExp(`(=\\s*)require\\((['"])${name}\\2\\)`, 'g'), (_, assign, quote) => `${assign}__almanacLazyModule(() => require(${quote}${name}${quote}))`),
      source,
    );
    return `${lazy}\n${LAZY_MODULE}`;
  },
}));

/**
 * Reading `fs.ReadStream` makes Node load its file streams and fs/promises (~4 ms at every start);
 * destroy reads it at load, to tell a file stream from others when one is destroyed.
 */
export const DESTROY_LAZY_READ_STREAM: SourceEdit = {
  file: /node_modules[\\/]destroy[\\/]index\.js$/,
  edit(source, path) {
    const without = replaceOnce(source, path, /^var ReadStream = require\('fs'\)\.ReadStream\n/gm, () => '');
    return replaceOnce(without, path, /instanceof ReadStream\b/g, () => "instanceof require('fs').ReadStream");
  },
};

/**
 * mime-types builds its extension → type table at load, settling each extension two types claim
 * by a score: ~7 ms of a start on this machine. The table depends on mime-db alone, so it is
 * computed here, with the mime-types the bundle gets, and main.js parses it. (Filled in key by key,
 * a prototype-less object costs ~4 ms more: each new key takes V8's slow path while cold.)
 */
export function mimeTypesPrecomputed(root: string): SourceEdit {
  const target = createRequire(join(root, 'package.json')).resolve('mime-types');
  const real = createRequire(target)(target) as { types: object; _extensionConflicts: unknown[] };
  const table = (value: object): string => `Object.setPrototypeOf(JSON.parse(${JSON.stringify(JSON.stringify(value))}), null)`;
  return {
    file: /node_modules[\\/]mime-types[\\/]index\.js$/,
    edit(source, path) {
      if (path !== target) throw new Error(`another mime-types than ${target}: ${path}`);
      return replaceOnce(source, path, /^populateMaps\(exports\.extensions, exports\.types\)$/gm, () =>
        [
          '// The table populateMaps makes, computed when the bundle was built (scripts/bundle-trims.ts).',
          // type → extensions, which only `extension()` reads: made from mime-db when first read.
          "let extensions; Object.defineProperty(exports, 'extensions', { enumerable: true, get: () => (extensions ??= Object.setPrototypeOf(Object.fromEntries(Object.entries(db).filter(([, m]) => m.extensions?.length).map(([t, m]) => [t, m.extensions])), null)) })",
          `exports.types = ${table(real.types)}`,
          `exports._extensionConflicts = JSON.parse(${JSON.stringify(JSON.stringify(real._extensionConflicts))})`,
        ].join('\n'),
      );
    },
  };
}

/**
 * debug looks for supports-color, and ws for bufferutil and utf-8-validate, inside a try; none is
 * installed, and each look walks the folders up from main.js at every start. They resolve to a
 * module that throws, as a missing one would.
 */
export function absentOptionals(names: readonly string[]): Plugin {
  const filter = new RegExp(`^(${names.join('|')})$`);
  return {
    name: 'absent-optionals',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'absent-optional' }));
      build.onLoad({ filter: /.*/, namespace: 'absent-optional' }, (args) => ({
        contents: `const error = new Error(${JSON.stringify(`Cannot find module '${args.path}' (not in Almanac's bundle)`)}); error.code = 'MODULE_NOT_FOUND'; throw error;`,
        loader: 'js',
      }));
    },
  };
}
