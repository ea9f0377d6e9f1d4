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
 * Koa checks every body it sends with `instanceof Response` and `instanceof ReadableStream`. In
 * Node the first touch of the global `Response` loads undici (~30 ms and several MB), and a JSON
 * body would pay it on the first request. These stand-ins answer the same `instanceof` without
 * touching the globals for anything that cannot be one (a plain object, our JSON).
 */
const LAZY_WEB_CLASSES = `
class __AlmanacLazyResponse { static [Symbol.hasInstance](v) { return v !== null && typeof v === 'object' && typeof v.arrayBuffer === 'function' && v instanceof globalThis.Response; } }
class __AlmanacLazyReadableStream { static [Symbol.hasInstance](v) { return v !== null && typeof v === 'object' && typeof v.getReader === 'function' && v instanceof globalThis.ReadableStream; } }
`;

export function koaLazyWebGlobals(): Plugin {
  return {
    name: 'koa-lazy-web-globals',
    setup(build) {
      build.onLoad({ filter: /node_modules[\\/]koa[\\/]lib[\\/](response|application)\.js$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        let replaced = 0;
        const contents = source.replace(/ instanceof (Response|ReadableStream)\b/g, (_, name: string) => {
          replaced++;
          return ` instanceof __AlmanacLazy${name}`;
        });
        if (replaced === 0) throw new Error(`koa no longer checks bodies with instanceof Response: ${args.path}`);
        return { contents: `${contents}\n${LAZY_WEB_CLASSES}`, loader: 'js' };
      });
    },
  };
}

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

export function lazyRequires(): Plugin {
  return {
    name: 'lazy-requires',
    setup(build) {
      const files = new RegExp(LAZY_REQUIRES.map((l) => l.file.source).join('|'));
      build.onLoad({ filter: files }, (args) => {
        const { modules } = LAZY_REQUIRES.find((l) => l.file.test(args.path))!;
        let contents = readFileSync(args.path, 'utf8');
        for (const name of modules) {
          const pattern = new RegExp(`(=\\s*)require\\((['"])${name}\\2\\)`, 'g');
          let replaced = 0;
          contents = contents.replace(pattern, (_, assign: string, quote: string) => {
            replaced++;
            return `${assign}__almanacLazyModule(() => require(${quote}${name}${quote}))`;
          });
          if (replaced !== 1) throw new Error(`expected one \`= require('${name}')\` in ${args.path}, found ${replaced}`);
        }
        return { contents: `${contents}\n${LAZY_MODULE}`, loader: 'js' };
      });
    },
  };
}
