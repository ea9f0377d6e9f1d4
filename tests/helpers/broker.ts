/**
 * A real Mosquitto broker for tests (the Debian `mosquitto` package): a temporary config, a free
 * loopback port, persistence off. `restart()` kills it hard (SIGKILL, as a crash or a power cut
 * would) and starts it again on the same port, which also wipes its retained messages; `pause()`
 * freezes it (SIGSTOP) so that a publish can be caught in flight.
 *
 *   const broker = await startBroker();
 *   ... connect to broker.url ...
 *   await broker.close();
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';

export interface Broker {
  /** `mqtt://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Kills the broker (SIGKILL) and waits until it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port and waits until it accepts connections. */
  start(): Promise<void>;
  /** stop() then start(): retained messages are gone, clients see their connection drop. */
  restart(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open but nothing is answered. */
  pause(): void;
  resume(): void;
  /** Stops the broker and removes its files. */
  close(): Promise<void>;
}

export interface BrokerOptions {
  /** Require this login (anonymous clients are refused). */
  user?: { username: string; password: string };
}

/** Where Debian and others put the broker; `MOSQUITTO` overrides. */
const SBIN_DIRS = ['/usr/sbin', '/usr/local/sbin', '/opt/homebrew/sbin'];
/** Mosquitto starts in milliseconds; a slow CI machine gets this long before the test fails. */
const READY_TIMEOUT_MS = 10_000;
/** Between connection attempts while waiting for the broker to listen. */
const READY_POLL_MS = 20;
/** Broker log kept for the error message when it does not start. */
const MAX_LOG_CHARS = 4_000;

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function findExecutable(name: string, envOverride: string | undefined): string {
  if (envOverride) return envOverride;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...SBIN_DIRS];
  const found = dirs.map((dir) => join(dir, name)).find((path) => existsSync(path));
  if (!found) throw new Error(`${name} not found: install the mosquitto package (apt-get install mosquitto) or set MOSQUITTO`);
  return found;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function writeConfig(dir: string, port: number, options: BrokerOptions): string {
  const lines = [
    `listener ${port} 127.0.0.1`,
    'persistence false',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    // Started as root (containers, CI), Mosquitto would switch to the `mosquitto` user, which cannot
    // read our private temp folder; as anyone else this line has no effect.
    `user ${userInfo().username}`,
  ];
  if (options.user) {
    const passwordFile = join(dir, 'passwd');
    writeFileSync(passwordFile, '');
    const made = spawnSync(findExecutable('mosquitto_passwd', undefined), ['-b', passwordFile, options.user.username, options.user.password]);
    if (made.status !== 0) throw new Error(`mosquitto_passwd failed: ${made.stderr.toString()}`);
    lines.push('allow_anonymous false', `password_file ${passwordFile}`);
  } else {
    lines.push('allow_anonymous true');
  }
  const path = join(dir, 'mosquitto.conf');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** Starts a broker on a free loopback port and waits until it accepts connections. */
export async function startBroker(options: BrokerOptions = {}): Promise<Broker> {
  const executable = findExecutable('mosquitto', process.env.MOSQUITTO);
  const dir = mkdtempSync(join(tmpdir(), 'almanac-mosquitto-'));
  const port = await freePort();
  const config = writeConfig(dir, port, options);
  let child: ChildProcess | null = null;
  let log = '';

  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));
  }

  async function start(): Promise<void> {
    if (child) return;
    const proc = spawn(executable, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    running.add(proc);
    proc.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-MAX_LOG_CHARS)));
    proc.once('exit', () => running.delete(proc));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await canConnect(port))) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`mosquitto exited (${proc.exitCode ?? proc.signalCode}):\n${log}`);
      if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port} within ${READY_TIMEOUT_MS} ms:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc) return;
    child = null;
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGKILL');
      await exited;
    }
  }

  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    start,
    stop,
    async restart() {
      await stop();
      await start();
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
