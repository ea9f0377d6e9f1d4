import { startAlmanac } from '../../almanac.js';
import { ConfigError, loadConfig } from '../../config.js';
import { tuneHeap } from '../../heap.js';
import { createLogger } from '../../log.js';
import type { Command } from '../command.js';
import { CliError, EXIT } from '../exit.js';
import { readOptionalFile } from '../files.js';
import { almanacVersion } from '../version.js';

export const serve: Command = {
  name: 'serve',
  description: `
Starts Almanac: the scheduler, the API and the panel on $PORT (default 8099). The mode comes from
the environment: Supervisor mode with SUPERVISOR_TOKEN (inside the add-on), standalone with
HA_URL and HA_TOKEN, demo mode (an embedded simulated Home Assistant) with neither. Options are
read from $DATA_DIR/options.json; an invalid one stops it with exit code 2 and names the option.
Runs until SIGTERM or SIGINT, then finishes in-flight requests and stops cleanly (exit code 0).`,
  options: {
    'dry-run': { type: 'boolean', description: 'plan and record every run, but send no service call to Home Assistant (cannot be turned off until restart)' },
    verbose: { type: 'boolean', short: 'v', description: 'log at debug level (overrides LOG_LEVEL and the log_level option)' },
  },
  examples: ['almanac serve', 'PORT=8100 DATA_DIR=/tmp/almanac almanac serve --dry-run --verbose'],
  async run(ctx) {
    tuneHeap();
    let config;
    try {
      config = loadConfig(ctx.env, readOptionalFile, almanacVersion());
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(`Almanac cannot start: ${error.message}`, EXIT.usage);
      throw error;
    }
    const dryRun = ctx.values['dry-run'] === true;
    if (ctx.values.verbose) config.logLevel = 'debug';
    const logger = createLogger(config.logLevel);
    for (const warning of config.warnings) logger.warn(warning);
    // What a bug report needs first; secrets are named, never written.
    const { api_token: token, mqtt_password: password, ...options } = config.options;
    logger.debug({ mode: config.mode, port: config.port, data_dir: config.dataDir, options, api_token: token ? 'set' : 'not set', mqtt_password: password ? 'set' : 'not set' }, 'configuration');
    if (dryRun) logger.warn('dry run (--dry-run): every run is planned and recorded, but no service is called');
    const almanac = await startAlmanac({ config, logger, forceDryRun: dryRun });
    // Faults are contained at the edges; anything that still escapes is logged, and the process
    // keeps serving rather than dropping every schedule (the Supervisor's watchdog covers a hang).
    const offRejection = ctx.onUnhandledRejection((reason) => logger.error({ err: reason }, 'unhandled rejection'));
    return new Promise<number>((resolve) => {
      const offStop = ctx.onStop((signal) => {
        offStop();
        logger.info({ signal }, 'stopping');
        almanac.close().then(
          () => resolve(EXIT.ok),
          (error: unknown) => {
            logger.error({ err: error }, 'shutdown failed');
            resolve(EXIT.failed);
          },
        ).finally(offRejection);
      });
    });
  },
};
