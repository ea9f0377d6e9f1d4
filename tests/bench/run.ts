/**
 * `npm run bench`: runs every benchmark module in tests/bench (each exports `bench()` returning its
 * figures) in its own process, one after another (the machine is shared and noisy: never two at
 * once), and prints the figures. `npm run bench -- engine` runs the matching ones only.
 * Figures are medians and ratios against a baseline measured in the same run, never pass/fail.
 * A module's `table` (figure, goal, result) is printed at the end as one table, with the machine's
 * load (`uptime`) before and after: on a shared machine the figures mean little without it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('.', import.meta.url));

if (process.argv[2] === '--one') {
  const mod = (await import(process.argv[3]!)) as { bench: () => Promise<Record<string, unknown>> };
  const figures = await mod.bench();
  process.stdout.write(`\n@@FIGURES ${JSON.stringify(figures)}\n`);
  process.exit(0);
}

const filters = process.argv.slice(2);
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
const all: Record<string, unknown> = {};
const table: { figure: string; goal: string; result: string }[] = [];
const uptime = (): string => execFileSync('uptime', { encoding: 'utf8' }).trim();
const loadBefore = uptime();
let failures = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--one', join(DIR, file)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = child.stdout ?? '';
  const marker = out.lastIndexOf('@@FIGURES ');
  process.stdout.write(marker >= 0 ? out.slice(0, marker) : out);
  if (child.status !== 0 || marker < 0) {
    failures++;
    console.log(`   failed (exit ${child.status})`);
    continue;
  }
  const figures = JSON.parse(out.slice(marker + 10)) as Record<string, unknown>;
  all[file.replace(/\.ts$/, '')] = figures;
  if (Array.isArray(figures.table)) table.push(...(figures.table as typeof table));
  console.log(JSON.stringify(figures, null, 2));
}
console.log('\n== summary');
console.log(JSON.stringify(all, null, 2));
if (table.length > 0) {
  console.log('\n| figure | goal | result |\n|---|---|---|');
  for (const row of table) console.log(`| ${row.figure} | ${row.goal} | ${row.result} |`);
}
console.log(`\nload before: ${loadBefore}\nload after:  ${uptime()}`);
process.exitCode = failures ? 1 : 0;
