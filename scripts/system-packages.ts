/**
 * `npm test`'s pretest step: the suite needs three system programs that npm cannot install
 * (Debian's Chromium for the panel tests, Mosquitto for the MQTT tests, shellcheck for the lint of
 * the s6 scripts). When one is missing, this installs it with apt-get if it can (running as root,
 * apt-get present), and otherwise stops at once naming the one command to run. No test skips
 * because a program is missing: the run fails here, before the build, with that command.
 *
 *   node --import tsx scripts/system-packages.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A program the tests need, where it may be found, and the Debian package that provides it. */
export interface Requirement {
  package: string;
  /** Executable names, tried in order on the PATH (and in `extraDirs`). */
  names: string[];
  /** An environment variable naming the executable, which wins (as the test helpers honour it). */
  override?: string;
  /** Folders outside a normal user's PATH where the package puts it (Mosquitto lives in sbin). */
  extraDirs?: string[];
}

/** Looked up the same way tests/helpers/browser.ts, broker.ts and shellcheck.ts look them up. */
export const REQUIREMENTS: readonly Requirement[] = [
  { package: 'chromium', names: ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'], override: 'CHROMIUM_PATH' },
  { package: 'mosquitto', names: ['mosquitto'], override: 'MOSQUITTO', extraDirs: ['/usr/sbin', '/usr/local/sbin', '/opt/homebrew/sbin'] },
  { package: 'shellcheck', names: ['shellcheck'] },
];

/** What the machine looks like, as far as this decision goes (tests pass a fake one). */
export interface SystemEnv {
  env: Record<string, string | undefined>;
  isRoot: boolean;
  exists(path: string): boolean;
}

export type Plan =
  | { kind: 'ready' }
  | { kind: 'install'; packages: string[]; commands: string[][] }
  | { kind: 'stop'; packages: string[]; command: string; message: string };

/** Where `requirement` is, or undefined. */
export function locate(requirement: Requirement, system: SystemEnv): string | undefined {
  const override = requirement.override ? system.env[requirement.override] : undefined;
  if (override) return system.exists(override) ? override : undefined;
  const dirs = [...(system.env.PATH ?? '').split(delimiter).filter(Boolean), ...(requirement.extraDirs ?? [])];
  return dirs.flatMap((dir) => requirement.names.map((name) => join(dir, name))).find((path) => system.exists(path));
}

function onPath(name: string, system: SystemEnv): boolean {
  return (system.env.PATH ?? '').split(delimiter).some((dir) => dir && system.exists(join(dir, name)));
}

/** Debian installs quietly and without recommended extras (Chromium's would add hundreds of MB). */
export function aptCommands(packages: string[]): string[][] {
  return [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages],
  ];
}

/** Decides what to do: nothing, install with apt-get, or stop with the command the user must run. */
export function plan(system: SystemEnv, requirements: readonly Requirement[] = REQUIREMENTS): Plan {
  const packages = requirements.filter((r) => locate(r, system) === undefined).map((r) => r.package);
  if (packages.length === 0) return { kind: 'ready' };
  const hasApt = onPath('apt-get', system);
  if (hasApt && system.isRoot) return { kind: 'install', packages, commands: aptCommands(packages) };
  const command = hasApt ? `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}` : `install ${packages.join(', ')} with your system's package manager`;
  const why = hasApt ? 'not running as root' : 'apt-get is not available';
  return {
    kind: 'stop',
    packages,
    command,
    message: `The tests need ${packages.join(', ')}, which ${packages.length === 1 ? 'is' : 'are'} not installed (${why}, so npm test cannot install ${packages.length === 1 ? 'it' : 'them'}). Run:\n\n    ${command}\n\nthen npm test again.`,
  };
}

/** Exit code of a refused or failed installation. */
const EXIT_FAILURE = 1;

/** Runs one command with the terminal attached; returns its exit code (or null when killed). */
export type Exec = (command: string[]) => number | null;

/**
 * Checks, installs when it can, and re-checks. Returns the exit code; `say` gets the lines for
 * the user (stderr).
 */
export function ensureSystemPackages(system: SystemEnv, exec: Exec, say: (line: string) => void): number {
  const decided = plan(system);
  if (decided.kind === 'ready') return 0;
  if (decided.kind === 'stop') {
    say(decided.message);
    return EXIT_FAILURE;
  }
  say(`Installing the system packages the tests need: ${decided.packages.join(', ')}`);
  for (const command of decided.commands) {
    const code = exec(command);
    if (code !== 0) {
      say(`${command.join(' ')} failed (exit ${code}); install ${decided.packages.join(', ')} and run npm test again.`);
      return EXIT_FAILURE;
    }
  }
  // The Mosquitto package also starts a system broker on 1883; the tests start their own on free ports.
  const after = plan(system);
  if (after.kind === 'ready') return 0;
  say(`still missing after apt-get: ${after.packages.join(', ')}`);
  return EXIT_FAILURE;
}

function main(): void {
  const system: SystemEnv = { env: process.env, isRoot: process.getuid?.() === 0, exists: existsSync };
  const exec: Exec = ([program, ...args]) =>
    spawnSync(program!, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status;
  process.exitCode = ensureSystemPackages(system, exec, (line) => process.stderr.write(`${line}\n`));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
