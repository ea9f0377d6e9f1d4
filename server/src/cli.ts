#!/usr/bin/env node
/**
 * `almanac`: the command line, and with `almanac serve` the server itself (npm start and the
 * add-on's s6 script run that). The composition root's outer edge: with main.ts, the only module
 * that touches `process` (STYLE §2); everything below takes the environment as a plain record.
 */
import { runCli } from './cli/run.js';

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
