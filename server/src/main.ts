/**
 * The composition root's entry point: the only module that reads the environment (STYLE §2).
 * Chooses Supervisor, standalone or demo mode from it, validates the add-on options, starts
 * Almanac and stops it cleanly on SIGTERM/SIGINT.
 */
import { readFileSync } from 'node:fs';
import { startAlmanac } from './almanac.js';
import { ConfigError, loadConfig } from './config.js';
import { tuneHeap } from './heap.js';
import { createLogger } from './log.js';

const PACKAGE_JSON = new URL('../../package.json', import.meta.url);

function readFile(path: string | URL): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function main(): Promise<void> {
  tuneHeap();
  const version = (JSON.parse(readFile(PACKAGE_JSON) ?? '{}') as { version?: string }).version ?? '0.0.0';
  let config;
  try {
    config = loadConfig(process.env, readFile, version);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Almanac cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  for (const warning of config.warnings) logger.warn(warning);
  const almanac = await startAlmanac({ config, logger });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    almanac.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Faults are contained at the edges; anything that still escapes is logged, and the process
  // keeps serving rather than dropping every schedule (the Supervisor's watchdog covers a hang).
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Almanac failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
