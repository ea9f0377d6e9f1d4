/**
 * `npm start`'s prestart step: builds what the server needs and is missing or older than its
 * sources, and says nothing when everything is already built (a few milliseconds of `stat`).
 * A fresh clone has no build outputs (they are git-ignored), so the README's `npm ci && npm start`
 * builds once here; the add-on image builds in its Dockerfile and never runs this.
 *
 *   node --import tsx scripts/ensure-built.ts server panel
 */
import { fileURLToPath } from 'node:url';
import { ensureBuilt, outputsNamed } from './build-state.js';

/** Any failure stops `npm start` before it starts a stale or missing server. */
const EXIT_FAILURE = 1;

function main(names: string[]): void {
  const started = Date.now();
  const report = ensureBuilt(outputsNamed(names), (output) => process.stderr.write(`Almanac: building ${output.name} (${output.output} is missing or older than its sources)…\n`));
  if (report.failure) {
    process.stderr.write(`Almanac: the build failed, so the server was not started.\n${report.failure}\n`);
    process.exitCode = EXIT_FAILURE;
    return;
  }
  if (report.built.length > 0) process.stderr.write(`Almanac: built ${report.built.join(' and ')} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
