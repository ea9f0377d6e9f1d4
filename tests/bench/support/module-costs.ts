/**
 * What loading each part of the server costs: wall time of its `import()` and the RSS it adds, each
 * in a fresh Node process (median of a few), against bare Node. The lazy parts (the simulator, the
 * MQTT bridge, YAML) are loaded only in demo mode, with a broker, or for an export.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, round } from './processes.js';
import { median } from './stats.js';

const RUNS = 3;

/** What is measured: a label and the module (a package name, or a path in the repository). */
const PARTS: [string, string][] = [
  ['whole server, loaded not started (server/dist/almanac.js)', 'server/dist/almanac.js'],
  ['lazy: HA simulator, demo mode only', 'server/dist/ha/simulator/index.js'],
  ['lazy: MQTT bridge with mqtt.js, with a broker only', 'server/dist/mqtt/bridge.js'],
  ['lazy: yaml, export and YAML import only', 'yaml'],
  ['koa + @koa/router + @koa/bodyparser', 'koa,@koa/router,@koa/bodyparser'],
  ['zod', 'zod'],
  ['better-sqlite3', 'better-sqlite3'],
  ['home-assistant-js-websocket + ws', 'home-assistant-js-websocket,ws'],
  ['pino', 'pino'],
  ['cronstrue with German (trigger descriptions)', 'cronstrue,cronstrue/locales/de.js'],
];

function specifier(module: string): string | null {
  if (!module.includes('/dist/')) return module;
  const path = join(ROOT, module);
  return existsSync(path) ? pathToFileURL(path).href : null;
}

/** CPU time is reported beside wall time: on a shared machine it is the steadier of the two. */
function once(modules: string[]): { ms: number; cpu_ms: number; rss_mb: number } {
  const script = `const r0 = process.memoryUsage().rss; const c0 = process.cpuUsage(); const t = performance.now();
    for (const m of ${JSON.stringify(modules)}) await import(m);
    const c = process.cpuUsage(c0);
    console.log(JSON.stringify({ ms: performance.now() - t, cpu: (c.user + c.system) / 1000, rss: process.memoryUsage().rss, r0 }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  const out = JSON.parse(child.stdout) as { ms: number; cpu: number; rss: number; r0: number };
  return { ms: out.ms, cpu_ms: out.cpu, rss_mb: (out.rss - out.r0) / 1024 / 1024 };
}

export async function measureModules(): Promise<Record<string, unknown>> {
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const child = spawnSync(process.execPath, ['-e', 'console.log(process.memoryUsage().rss)'], { encoding: 'utf8' });
    bare.push(Number(child.stdout) / 1024 / 1024);
  }
  const parts: Record<string, unknown> = { 'bare node rss_mb': round(median(bare)) };
  for (const [label, module] of PARTS) {
    const specs = module.split(',').map(specifier);
    if (specs.some((s) => s === null)) {
      parts[label] = 'not in this build';
      continue;
    }
    const runs = Array.from({ length: RUNS }, () => once(specs as string[]));
    parts[label] = {
      load_ms: round(median(runs.map((r) => r.ms))),
      load_cpu_ms: round(median(runs.map((r) => r.cpu_ms))),
      rss_added_mb: round(median(runs.map((r) => r.rss_mb))),
    };
  }
  return parts;
}
