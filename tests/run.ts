/**
 * The test runner: spawns every `tests/**\/*.test.ts` file in its own Node process (as uvu's own
 * test/index.js does), so one file's crash or leaked handle cannot hide another's results, and
 * prints `N passed, N failed` as the last line, the form CI reads.
 *
 *   npm test                 every file
 *   npm test -- time engine  only files whose path contains one of the words
 *   --dir <path>             look for test files there instead of tests/ (the runner's own test)
 *
 * A file that needs longer than the default timeout says so in its first lines with a comment
 * `// runner: timeout 600s`; such slow files are started first, so they overlap with the rest.
 */
import { spawn } from 'node:child_process';
import { openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TESTS = join(ROOT, 'tests');
/** Files are independent processes; more than the core count only adds contention. */
const PARALLEL = Math.max(1, Math.min(cpus().length, Number(process.env.TEST_PARALLEL) || 2));
/** A file that runs longer than this is killed and counted as failed (CI's budget is 15 minutes). */
const FILE_TIMEOUT_MS = Number(process.env.TEST_FILE_TIMEOUT_MS) || 180_000;
/** How much of a file's head is searched for its timeout marker. */
const MARKER_HEAD_BYTES = 2048;
const TIMEOUT_MARKER = /^\/\/ runner: timeout (\d+)s$/m;
const MS_PER_SECOND = 1000;

/** The file's own timeout from its `// runner: timeout <n>s` marker, if it has one. */
export function declaredTimeoutMs(file: string): number | undefined {
  const buffer = Buffer.alloc(MARKER_HEAD_BYTES);
  const fd = openSync(file, 'r');
  try {
    const head = buffer.toString('utf8', 0, readSync(fd, buffer, 0, MARKER_HEAD_BYTES, 0));
    const match = TIMEOUT_MARKER.exec(head);
    return match ? Number(match[1]) * MS_PER_SECOND : undefined;
  } finally {
    closeSync(fd);
  }
}

export function findTestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'bench' && name !== 'fixtures' && name !== 'helpers') out.push(...findTestFiles(path));
    } else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

interface FileResult {
  file: string;
  passed: number;
  failed: number;
  output: string;
  ms: number;
}

/** Reads uvu's summary ("Total: n", "Passed: n", "Skipped: n"). */
export function parseUvuSummary(output: string): { total: number; passed: number; skipped: number } | null {
  // uvu colours its output; strip ANSI escapes before reading numbers.
  const clean = output.replace(/\u001b\[[0-9;]*m/g, '');
  const total = /Total:\s+(\d+)/.exec(clean);
  const passed = /Passed:\s+(\d+)/.exec(clean);
  const skipped = /Skipped:\s+(\d+)/.exec(clean);
  if (!total || !passed) return null;
  return { total: Number(total[1]), passed: Number(passed[1]), skipped: Number(skipped?.[1] ?? 0) };
}

function runFile(file: string): Promise<FileResult> {
  const started = Date.now();
  const timeoutMs = Math.max(FILE_TIMEOUT_MS, declaredTimeoutMs(file) ?? 0);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\n[runner] killed after ${timeoutMs} ms\n`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const summary = parseUvuSummary(output);
      const ms = Date.now() - started;
      if (!summary) {
        resolve({ file, passed: 0, failed: 1, output: output + `\n[runner] no uvu summary, exit code ${code}\n`, ms });
        return;
      }
      let failed = summary.total - summary.passed - summary.skipped;
      // A clean summary with a non-zero exit (an unhandled rejection after the tests, say) is a failure too.
      if (failed === 0 && code !== 0) failed = 1;
      resolve({ file, passed: summary.passed, failed, output, ms });
    });
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dirAt = args.indexOf('--dir');
  const root = dirAt >= 0 ? args.splice(dirAt, 2)[1]! : TESTS;
  const filters = args;
  const files = findTestFiles(root).filter((f) => filters.length === 0 || filters.some((w) => relative(ROOT, f).includes(w)));
  // Slow files (those declaring a timeout) first, in their order, then the rest in theirs.
  const queue = [...files.filter((f) => declaredTimeoutMs(f) !== undefined), ...files.filter((f) => declaredTimeoutMs(f) === undefined)];
  const results: FileResult[] = [];
  async function worker(): Promise<void> {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const result = await runFile(file);
      results.push(result);
      const mark = result.failed ? 'FAIL' : 'ok  ';
      console.log(`${mark} ${relative(ROOT, file)}  ${result.passed} passed, ${result.failed} failed  (${result.ms} ms)`);
      if (result.failed || process.env.TEST_VERBOSE) console.log(result.output.replace(/^/gm, '     | '));
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  if (files.length === 0) console.log('no test files matched');
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
