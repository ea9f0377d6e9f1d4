/**
 * The bridge to the Home Assistant frontend around the panel. Under Ingress the panel is an
 * iframe on HA's own origin (home-assistant/frontend `hassio-ingress-view.ts`), so the parent
 * document is readable: its `home-assistant` element carries `hass` (language, dark mode), and
 * HA's sidebar listens for a bubbling `hass-toggle-menu` event. Every access is guarded: opened
 * standalone or cross-origin (reading `parent.document` throws), the panel works on its own.
 */

/** The parts of HA's `hass` object the panel reads. The panel never receives `hass` otherwise. */
export interface HassLike {
  language?: string;
  locale?: { language?: string };
  themes?: { darkMode?: boolean };
}

/** A readable parent HA frame. */
export interface HaParent {
  window: Window;
  document: Document;
  /** HA's `home-assistant` root element, when the parent is HA. */
  root: HTMLElement | null;
  /** HA's current `hass`, read on access (it is replaced on every state change). */
  readonly hass: HassLike | null;
  /** Our iframe element in the parent document. */
  frame: HTMLElement | null;
}

/** HA's own breakpoint for a narrow layout (`home-assistant-main`), used for the iframe's width. */
export const NARROW_QUERY = '(max-width: 870px)';

/** The same-origin parent frame, or null when standalone or cross-origin. */
export function haParent(win: Window = window): HaParent | null {
  if (win.parent === win) return null;
  try {
    const doc = win.parent.document;
    const root = doc.querySelector<HTMLElement & { hass?: HassLike }>('home-assistant');
    return {
      window: win.parent,
      document: doc,
      root,
      get hass() {
        return root?.hass ?? null;
      },
      frame: win.frameElement as HTMLElement | null,
    };
  } catch {
    return null;
  }
}

/** HA's UI language (e.g. `de`), when the panel runs inside a same-origin HA frame. */
export function haLanguage(win: Window = window): string | null {
  const hass = haParent(win)?.hass;
  return hass?.locale?.language ?? hass?.language ?? null;
}

/** Calls `onChange` with the current narrowness now and whenever it changes; returns a stop function. */
export function watchNarrow(win: Window, onChange: (narrow: boolean) => void): () => void {
  const query = win.matchMedia(NARROW_QUERY);
  const listener = (): void => onChange(query.matches);
  query.addEventListener('change', listener);
  listener();
  return () => query.removeEventListener('change', listener);
}

/**
 * Whether the panel should offer its own sidebar button: only inside a same-origin HA frame, and
 * only when HA does not already draw its narrow header (with its own button) above the iframe.
 */
export function canToggleHaSidebar(win: Window = window): boolean {
  const frame = haParent(win)?.frame;
  if (!frame) return false;
  return !frame.previousElementSibling?.classList.contains('header');
}

/** Opens or closes HA's sidebar, as HA's own menu button does. */
export function toggleHaSidebar(win: Window = window): void {
  const parent = haParent(win);
  if (!parent?.frame) return;
  const ParentEvent = (parent.window as Window & typeof globalThis).CustomEvent;
  parent.frame.dispatchEvent(new ParentEvent('hass-toggle-menu', { bubbles: true, composed: true }));
}
