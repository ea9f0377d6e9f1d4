/**
 * The base URL Home Assistant is reached at ("hassUrl"), and the WebSocket URL derived from it.
 * home-assistant-js-websocket appends `/api/websocket` without stripping a trailing slash
 * (ha-protocol.md §4.2: `http://supervisor/core/` would become `/core//api/websocket`, a 404 at the
 * Supervisor), so every base URL goes through `normalizeHassUrl` first.
 */

/** The Supervisor's HA Core proxy: `${supervisorUrl}/core` (WebSocket at `/core/api/websocket`). */
export function supervisorHassUrl(supervisorUrl = 'http://supervisor'): string {
  return `${normalizeHassUrl(supervisorUrl)}/core`;
}

/** Strips trailing slashes; `HA_URL=http://homeassistant.local:8123/` works as well as without. */
export function normalizeHassUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** `http://x/core` → `ws://x/core/api/websocket`, `https://…` → `wss://…` (as the lib's `createLongLivedTokenAuth`). */
export function websocketUrl(hassUrl: string): string {
  const base = normalizeHassUrl(hassUrl);
  if (!/^https?:\/\//i.test(base)) throw new TypeError(`Home Assistant URL must start with http:// or https://, got "${hassUrl}"`);
  return `ws${base.slice(4)}/api/websocket`;
}
