/**
 * The bundle's trims (scripts/bundle-trims.ts) change what dependencies do at load, never what
 * they answer: each is built here with esbuild as scripts/bundle.ts builds main.js, and compared
 * with the untouched package.
 */
import { build, type Plugin } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../../scripts/build-state.js';
import { absentOptionals, DESTROY_LAZY_READ_STREAM, mimeDbLookupsOnly, mimeTypesPrecomputed, oneMimeDb, sourceEdits, type SourceEdit } from '../../scripts/bundle-trims.js';

const rootRequire = createRequire(join(ROOT, 'package.json'));

/**
 * `contents` (CommonJS) bundled with `plugins` as main.js is, and run; what it requires from Node
 * comes through `intercept`, if given.
 */
async function run(contents: string, plugins: Plugin[], intercept: (id: string, real: unknown) => unknown = (_, real) => real): Promise<any> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, sourcefile: 'entry.cjs' },
    absWorkingDir: ROOT,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
    logLevel: 'silent',
    plugins,
  });
  const module = { exports: {} as any };
  new Function('module', 'exports', 'require', result.outputFiles[0]!.text)(module, module.exports, (id: string) => intercept(id, rootRequire(id)));
  return module.exports;
}

const bundled = (name: string, plugins: Plugin[], intercept?: (id: string, real: unknown) => unknown): Promise<any> =>
  run(`module.exports = require(${JSON.stringify(name)});`, plugins, intercept);

test('the precomputed mime table answers every extension and type as mime-types does', async () => {
  const real = rootRequire(rootRequire.resolve('mime-types'));
  const trimmed = await bundled('mime-types', [oneMimeDb(ROOT), mimeDbLookupsOnly(), sourceEdits([mimeTypesPrecomputed(ROOT)])]);
  assert.equal({ ...trimmed.types }, { ...real.types });
  assert.equal({ ...trimmed.extensions }, { ...real.extensions });
  assert.equal(trimmed._extensionConflicts, real._extensionConflicts);
  // Prototype-less, as mime-types makes them: an extension named like an Object method is unknown.
  assert.is(Object.getPrototypeOf(trimmed.types), null);
  assert.is(trimmed.lookup('file.constructor'), false);
  for (const ext of Object.keys(real.types)) assert.is(trimmed.lookup(`x.${ext}`), real.lookup(`x.${ext}`), ext);
  for (const type of Object.keys(real.extensions)) assert.is(trimmed.extension(type), real.extension(type), type);
  for (const type of ['json', 'html', 'text/plain', 'application/json', 'image/svg+xml', '.js', 'no-such-thing']) {
    assert.is(trimmed.contentType(type), real.contentType(type), type);
  }
});

test('destroy still destroys a file stream and a plain one, and reads fs.ReadStream only then', async () => {
  const read: string[] = [];
  const fs = (real: object): object => new Proxy(real, { get: (target, key) => (read.push(String(key)), Reflect.get(target, key)) });
  const destroy = await bundled('destroy', [sourceEdits([DESTROY_LAZY_READ_STREAM])], (id, real) => (id === 'fs' ? fs(real as object) : real));
  assert.not.ok(read.includes('ReadStream'), 'read at load');
  const { createReadStream } = await import('node:fs');
  const file = createReadStream(join(ROOT, 'package.json'));
  const closed = new Promise<void>((resolve) => file.once('close', () => resolve()));
  destroy(file);
  await closed;
  assert.ok(file.destroyed);
  assert.ok(read.includes('ReadStream'));
  const { PassThrough } = await import('node:stream');
  const plain = new PassThrough();
  destroy(plain);
  assert.ok(plain.destroyed);
});

test('an absent optional module fails to load as a missing one does, and debug carries on without it', async () => {
  const code = await run(`try { require('supports-color'); } catch (error) { module.exports = error.code; }`, [absentOptionals(['supports-color'])]);
  assert.is(code, 'MODULE_NOT_FOUND');
  const debug = await bundled('debug', [absentOptionals(['supports-color'])]);
  assert.type(debug('almanac:test'), 'function');
});

test('a source edit that no longer finds its code fails the build, naming the file', async () => {
  const gone: SourceEdit = { file: /node_modules[\\/]destroy[\\/]index\.js$/, edit: (source, path) => DESTROY_LAZY_READ_STREAM.edit(source.replace('ReadStream', 'Renamed'), path) };
  try {
    await bundled('destroy', [sourceEdits([gone])]);
    assert.unreachable('the build should fail');
  } catch (error) {
    assert.match(String(error), /destroy[\\/]index\.js/);
  }
});

test.run();
