#!/usr/bin/env node
/**
 * `almanac`: the command line, and with `almanac serve` the server itself (npm start and the
 * add-on's s6 script run that). The composition root's outer edge: with main.ts, the only module
 * that touches `process` (STYLE §2); everything below takes the environment as a plain record.
 */
import module from 'node:module';
import { join } from 'node:path';
import { runCli } from './cli/run.js';

/**
 * Node 22.1+ can keep V8's compiled code of the modules it loads on disk, so a restart skips most
 * of the parsing (the add-on image runs Node 24). Kept under DATA_DIR, which outlives the add-on's
 * container; Node keys the cache by its version and each file's content, so updates miss cleanly.
 * On Node 20 the call does not exist and every start compiles.
 */
const { enableCompileCache } = module as { enableCompileCache?: (dir?: string) => unknown };
enableCompileCache?.(process.env.DATA_DIR ? join(process.env.DATA_DIR, '.cache', 'node-compile') : undefined);

function listen<A extends unknown[]>(events: string[], handler: (...args: A) => void): () => void {
  const on = (...args: unknown[]): void => handler(...(args as A));
  for (const event of events) process.on(event, on);
  return () => {
    for (const event of events) process.off(event, on);
  };
}

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  onStop: (handler) => listen<[string]>(['SIGTERM', 'SIGINT'], handler),
  onUnhandledRejection: (handler) => listen<[unknown]>(['unhandledRejection'], handler),
});
// Exit explicitly: an HTTP keep-alive socket or a timer left by a library must not hold a finished
// command open. Writes to pipes and files are synchronous on Linux, so nothing printed is lost.
process.exit(code);
