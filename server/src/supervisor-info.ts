/**
 * The add-on's own identity from the Supervisor (`GET /addons/self/info`). Its slug carries the
 * repository's hash (`a1b2c3d4_almanac`), which the HA frontend needs in panel links
 * (`/hassio/ingress/<slug>`); locally we only know the bare slug from config.yaml.
 */

/** The Supervisor answers on the local network within milliseconds; don't hold up start-up for it. */
const INFO_TIMEOUT_MS = 3_000;
/** The slug from config.yaml, used when the Supervisor is not there (standalone and demo modes). */
export const BARE_SLUG = 'almanac';

export function panelPath(slug: string): string {
  return `/hassio/ingress/${slug}`;
}

/** The add-on's full slug, or the bare one when the Supervisor cannot tell. Never throws. */
export async function addonSlug(
  supervisor: { url: string; token: string } | null,
  fetchImpl: typeof globalThis.fetch = globalThis.fetch,
): Promise<{ slug: string; error: string | null }> {
  if (!supervisor) return { slug: BARE_SLUG, error: null };
  try {
    const response = await fetchImpl(`${supervisor.url.replace(/\/+$/, '')}/addons/self/info`, {
      headers: { Authorization: `Bearer ${supervisor.token}` },
      signal: AbortSignal.timeout(INFO_TIMEOUT_MS),
    });
    if (!response.ok) return { slug: BARE_SLUG, error: `Supervisor answered HTTP ${response.status}` };
    const body = (await response.json()) as { data?: { slug?: unknown } };
    const slug = body.data?.slug;
    return typeof slug === 'string' && /^[a-z0-9_]+$/.test(slug) ? { slug, error: null } : { slug: BARE_SLUG, error: 'no slug in the answer' };
  } catch (error) {
    return { slug: BARE_SLUG, error: error instanceof Error ? error.message : String(error) };
  }
}
