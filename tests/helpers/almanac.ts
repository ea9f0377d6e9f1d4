/**
 * A whole Almanac (real server, real SQLite file, real HA client) in demo mode on an ephemeral
 * loopback port, with the embedded HA simulator. Disposable: `close()` stops it and removes its data.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAlmanac as start, type Almanac } from '../../server/src/almanac.js';
import { loadConfig } from '../../server/src/config.js';
import type { HaSimulator } from '../../server/src/ha/simulator/index.js';
import { createLogger, silentLogger } from '../../server/src/log.js';

export interface TestAlmanac {
  url: string;
  port: number;
  sim: HaSimulator;
  almanac: Almanac;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestAlmanacOptions {
  /** Peers whose Ingress headers are trusted; loopback by default so a local proxy can act as the gateway. */
  trustedProxies?: string[];
  env?: Record<string, string>;
  /** Add-on options written to options.json. */
  options?: Record<string, unknown>;
  /** Reuse a data directory (restart tests). */
  dataDir?: string;
  /** Seed the demo setup as `npm start` does (off by default: most tests start from an empty database). */
  demoSeed?: boolean;
}

export async function startAlmanac(opts: TestAlmanacOptions = {}): Promise<TestAlmanac> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'almanac-test-'));
  if (opts.options) writeFileSync(join(dataDir, 'options.json'), JSON.stringify(opts.options));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    ALMANAC_TRUSTED_PROXIES: (opts.trustedProxies ?? ['127.0.0.1']).join(','),
    ...opts.env,
  };
  const readFile = (path: string): string | undefined => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const config = { ...loadConfig(env, readFile, '0.0.0-test'), port: 0 };
  const logger = process.env.TEST_LOGS ? createLogger('debug') : silentLogger();
  const almanac = await start({ config, logger, host: '127.0.0.1', demoSeed: opts.demoSeed ?? false });
  if (!almanac.simulator) throw new Error('startAlmanac helper expects demo mode (no HA_URL)');
  return {
    url: almanac.url,
    port: almanac.port,
    sim: almanac.simulator,
    almanac,
    dataDir,
    async close() {
      await almanac.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a truthy value (for state reached asynchronously over real sockets). */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 5_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
