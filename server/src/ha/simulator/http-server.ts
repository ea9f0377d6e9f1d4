/**
 * The simulator's HTTP side: WebSocket upgrades on the paths the Supervisor or Core serve (§1.1),
 * a few REST reads (§5), and the two ways HA is "down": the Supervisor answers 502 (§1.3 step 1),
 * a stopped Core refuses connections (we stop listening).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { SimHass } from './hass.js';
import { SimConnection } from './sim-connection.js';
import type { HandshakeStyle, SimStats } from './types.js';
import { stateToDict } from './wire.js';

export interface SimHttpOptions {
  style: HandshakeStyle;
  token: string;
  host: string;
  authTimeoutMs: number;
  heartbeatMs: number;
  stats: SimStats;
}

/** SV registers both spellings, plus the legacy /homeassistant prefix (§1.1); Core only its own. */
const WS_PATHS: Record<HandshakeStyle, string[]> = {
  supervisor: ['/core/websocket', '/core/api/websocket', '/homeassistant/websocket', '/homeassistant/api/websocket'],
  core: ['/api/websocket'],
};
const REST_PREFIX: Record<HandshakeStyle, string> = { supervisor: '/core/api', core: '/api' };

function rawHttp(socket: Duplex, status: number, reason: string): void {
  const body = `${status}: ${reason}`;
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
}

function text(res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${status}: ${reason}`);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

export class SimHttpServer {
  /** Supervisor style: answer 502 while Core "restarts". */
  down = false;
  port = 0;
  private server: Server | null = null;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<SimConnection>();

  constructor(
    private readonly hass: SimHass,
    private readonly options: SimHttpOptions,
  ) {}

  /** Starts listening (again) on `port` (0 = ephemeral the first time). */
  async listen(port: number): Promise<number> {
    const server = createServer((req, res) => this.onRequest(req, res));
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.options.host, () => resolve());
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    this.server = server;
    return this.port;
  }

  /** Stops accepting connections (connects are refused) and drops every open one. */
  async stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.dropAll();
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  dropAll(): void {
    for (const connection of this.connections) connection.drop();
  }

  async close(): Promise<void> {
    await this.stopListening();
    this.wss.close();
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    if (this.down) return rawHttp(socket, 502, 'Bad Gateway');
    if (!WS_PATHS[this.options.style].includes(path)) return rawHttp(socket, 404, 'Not Found');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.options.stats.connections += 1;
      const connection = new SimConnection(ws, this.hass, this.options, (c) => this.connections.delete(c));
      this.connections.add(connection);
    });
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    const prefix = REST_PREFIX[this.options.style];
    if (!path.startsWith(`${prefix}/`)) return text(res, 404, 'Not Found');
    if (this.down) return text(res, 502, 'Bad Gateway');
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? req.headers['x-ha-access'];
    if (bearer !== this.options.token) return text(res, 401, 'Unauthorized');
    if (req.method !== 'GET') return text(res, 405, 'Method Not Allowed');
    const rest = path.slice(prefix.length);
    if (rest === '/') return json(res, 200, { message: 'API running.' });
    if (rest === '/config') return json(res, 200, this.hass.config);
    if (rest === '/states') return json(res, 200, this.hass.states.all().map(stateToDict));
    const entityId = /^\/states\/([^/]+)$/.exec(rest)?.[1];
    if (entityId) {
      const state = this.hass.states.get(decodeURIComponent(entityId));
      return state ? json(res, 200, stateToDict(state)) : json(res, 404, { message: 'Entity not found.' });
    }
    text(res, 404, 'Not Found');
  }
}
