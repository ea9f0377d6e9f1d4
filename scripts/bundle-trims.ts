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
