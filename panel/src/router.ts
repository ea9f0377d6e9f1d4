/**
 * Hash routing (`#/entities`, `#/schedules/<id>`). The fragment never reaches the server, so a
 * deep link survives a reload under any Ingress prefix, and no URL the panel writes is absolute.
 */

/** The top-level pages, in navigation order. */
export const PAGES = ['schedules', 'timeline', 'conflicts', 'farm', 'grows', 'locks', 'history', 'entities', 'health', 'settings', 'audit'] as const;

export type PageId = (typeof PAGES)[number];

/** Where an empty or unknown fragment leads. */
export const DEFAULT_PAGE: PageId = 'schedules';

export interface Route {
  page: PageId;
  /** Decoded path segments after the page, e.g. `['abc']` for `#/schedules/abc`. */
  params: string[];
  query: URLSearchParams;
}

function isPage(value: string | undefined): value is PageId {
  return (PAGES as readonly string[]).includes(value ?? '');
}

/** Reads a `location.hash`; null when it names no page. */
export function parseRoute(hash: string): Route | null {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const segments = path.split('/').filter(Boolean);
  const [page, ...rest] = segments;
  if (!isPage(page)) return null;
  try {
    return { page, params: rest.map((s) => decodeURIComponent(s)), query: new URLSearchParams(search) };
  } catch {
    return null; // a malformed %-escape
  }
}

/** The fragment link for a page, e.g. `routeHref('schedules', id)` → `#/schedules/<id>`. */
export function routeHref(page: PageId, ...params: string[]): string {
  return ['#', page, ...params.map(encodeURIComponent)].join('/');
}

/** Goes to a fragment link; `replace` leaves no history entry (for redirects). */
export function navigate(win: Window, href: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) win.location.replace(href);
  else win.location.hash = href;
}

/**
 * Calls `onRoute` with the current route now and on every change; an unknown fragment is
 * replaced by the default page. Returns a stop function.
 */
export function watchRoute(win: Window, onRoute: (route: Route) => void): () => void {
  const listener = (): void => {
    const route = parseRoute(win.location.hash);
    if (route) onRoute(route);
    else navigate(win, routeHref(DEFAULT_PAGE), { replace: true });
  };
  win.addEventListener('hashchange', listener);
  listener();
  return () => win.removeEventListener('hashchange', listener);
}
