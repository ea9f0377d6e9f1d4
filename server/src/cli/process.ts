/**
 * The `almanac` process: runs the command named on the command line with the real environment,
 * streams and signals, then exits with its code. With the entry points (cli.ts for the compiled
 * tree, launch.ts for the bundle) the only code that touches `process` (STYLE §2); everything
 * below takes the environment as a plain record.
 */
import { runCli } from './run.js';

function listen<A extends unknown[]>(events: string[], handler: (...args: A) => void): () => void {
  const on = (...args: unknown[]): void => handler(...(args as A));
  for (const event of events) process.on(event, on);
  return () => {
    for (const event of events) process.off(event, on);
  };
}

export async function runProcess(argv: readonly string[] = process.argv.slice(2)): Promise<never> {
  const code = await runCli([...argv], {
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
}
