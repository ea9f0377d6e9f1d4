/**
 * A stand-in for HA's Ingress gateway (Core's `/api/hassio_ingress/<token>/` view plus the
 * Supervisor's proxy, addon-conventions §3.6) on loopback: it forwards `<prefix>/<path>` to the
 * Almanac server as `/<path>` with the headers the Supervisor adds, streams responses unbuffered
 * (Server-Sent Events pass through), and answers 404 outside the prefix. Optionally it serves an
 * "HA frame" at `/`: a same-origin parent page that embeds the panel in an iframe, with HA theme
 * variables on its root and a `home-assistant` element carrying `hass`, as HA's frontend does.
 */
import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IngressUser {
  id: string;
  name: string;
  displayName: string;
}

export interface HaFrameOptions {
  /** `hass.language` (and `hass.locale.language`). */
  language?: string;
  /** `hass.themes.darkMode`. */
  darkMode?: boolean;
  /** HA variables set on the parent's root element, without the leading `--`. */
  themeVariables?: Record<string, string>;
  /** The fragment the iframe opens, e.g. `#/entities`. */
  hash?: string;
  /** Draw HA's own narrow header (with its sidebar button) above the iframe, as HA does on phones. */
  header?: boolean;
}

export interface IngressProxyOptions {
  /** The Almanac server, e.g. `http://127.0.0.1:40123`. */
  target: string;
  /** The per-install ingress token (random when omitted). */
  token?: string;
  /** The HA user the Supervisor names in X-Remote-User-*; null for a session without user. */
  user?: IngressUser | null;
  /** Serve an HA frame page at `/`. */
  frame?: HaFrameOptions;
}

export interface IngressProxy {
  /** The proxy's origin, e.g. `http://127.0.0.1:40124`. */
  origin: string;
  /** `/api/hassio_ingress/<token>` (no trailing slash, like X-Ingress-Path). */
  ingressPath: string;
  /** The panel's URL as HA's frontend opens it (with the trailing slash). */
  ingressUrl: string;
  /** The HA frame page (only meaningful with `frame`). */
  frameUrl: string;
  /** Every path requested from the proxy, in order. */
  requests: string[];
  /** Cuts every open event stream, as a restarting add-on or a flaky network would. */
  dropStreams(): void;
  close(): Promise<void>;
}

export const DEFAULT_USER: IngressUser = { id: 'c0ffee00c0ffee00c0ffee00c0ffee00', name: 'grower', displayName: 'Green Thumb' };

/** Headers the Supervisor sets itself; client-sent copies are stripped (§3.6). */
const GATEWAY_HEADERS = ['x-ingress-path', 'x-hass-source', 'x-remote-user-id', 'x-remote-user-name', 'x-remote-user-display-name'];
/** Hop-by-hop headers (RFC 9110 §7.6.1) never forwarded; Core also drops Accept-Encoding. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host'];

function upstreamHeaders(req: IncomingMessage, ingressPath: string, user: IngressUser | null): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { ...req.headers };
  for (const name of [...GATEWAY_HEADERS, ...HOP_BY_HOP, 'accept-encoding']) delete headers[name];
  const client = req.socket.remoteAddress ?? '127.0.0.1';
  headers['x-ingress-path'] = ingressPath;
  headers['x-hass-source'] = 'core.ingress';
  headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${client}` : client;
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';
  if (user) {
    headers['x-remote-user-id'] = user.id;
    headers['x-remote-user-name'] = user.name;
    headers['x-remote-user-display-name'] = user.displayName;
  }
  return headers;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The parent page: theme variables inline on <html> (HA's applyThemesOnElement), hass set before the iframe loads. */
export function haFrameHtml(ingressPath: string, frame: HaFrameOptions): string {
  const vars = Object.entries(frame.themeVariables ?? {})
    .map(([name, value]) => `--${name}: ${value};`)
    .join(' ');
  const hass = { language: frame.language ?? 'en', locale: { language: frame.language ?? 'en' }, themes: { darkMode: frame.darkMode ?? false } };
  const src = `${ingressPath}/${frame.hash ?? ''}`;
  return `<!doctype html>
<html style="${escapeHtml(vars)}">
<head><meta charset="utf-8"><title>Home Assistant</title><link rel="icon" href="data:,">
<style>
  html, body { margin: 0; height: 100%; background: var(--primary-background-color, #fafafa); }
  body { display: flex; }
  .sidebar { width: 56px; background: var(--sidebar-background-color, #fff); border-right: 1px solid var(--divider-color, #ddd); }
  main { flex: 1; display: flex; flex-direction: column; }
  .header { height: 40px; flex: none; display: flex; align-items: center; padding: 0 16px; background: var(--app-header-background-color, #009ac7); color: #fff; }
  iframe { flex: 1; width: 100%; border: 0; display: block; }
</style></head>
<body>
<home-assistant></home-assistant>
<script>
  document.querySelector('home-assistant').hass = ${JSON.stringify(hass)};
  window.sidebarToggles = 0;
  document.addEventListener('hass-toggle-menu', () => window.sidebarToggles++);
</script>
<div class="sidebar"></div>
<main>${frame.header ? '<div class="header">Almanac</div>' : ''}<iframe title="Almanac" src="${escapeHtml(src)}"></iframe></main>
</body></html>`;
}

interface Route {
  target: URL;
  ingressPath: string;
  user: IngressUser | null;
  /** Open event-stream responses, for `dropStreams`. */
  streams: Set<ServerResponse>;
}

/** Forwards one request to the add-on as `path` and streams the answer back as it comes. */
function forward(route: Route, req: IncomingMessage, res: ServerResponse, path: string): void {
  const { target, ingressPath, user, streams } = route;
  const upstream = request(
    { host: target.hostname, port: target.port, method: req.method, path, headers: upstreamHeaders(req, ingressPath, user) },
    (answer) => {
      const headers = { ...answer.headers };
      for (const name of HOP_BY_HOP) delete headers[name];
      res.writeHead(answer.statusCode ?? 502, headers);
      if (String(answer.headers['content-type']).startsWith('text/event-stream')) {
        res.flushHeaders();
        streams.add(res);
        res.on('close', () => streams.delete(res));
      }
      answer.pipe(res);
      res.on('close', () => answer.destroy());
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('502: Bad Gateway');
  });
  req.pipe(upstream);
}

/** Starts the gateway on an ephemeral loopback port. */
export async function startIngressProxy(opts: IngressProxyOptions): Promise<IngressProxy> {
  const token = opts.token ?? randomBytes(16).toString('hex');
  const ingressPath = `/api/hassio_ingress/${token}`;
  const user = opts.user === undefined ? DEFAULT_USER : opts.user;
  const streams = new Set<ServerResponse>();
  const route: Route = { target: new URL(opts.target), ingressPath, user, streams };
  const requests: string[] = [];

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    requests.push(url.pathname + url.search);
    if (opts.frame && url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(haFrameHtml(ingressPath, opts.frame));
      return;
    }
    // Core 404s the bare token path without its trailing slash too (addon-conventions §9.1).
    if (!url.pathname.startsWith(`${ingressPath}/`)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404: Not Found');
      return;
    }
    forward(route, req, res, url.pathname.slice(ingressPath.length) + url.search);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const dropStreams = (): void => {
    for (const res of streams) res.destroy();
    streams.clear();
  };
  return {
    origin,
    ingressPath,
    ingressUrl: `${origin}${ingressPath}/`,
    frameUrl: `${origin}/`,
    requests,
    dropStreams,
    async close() {
      dropStreams();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
