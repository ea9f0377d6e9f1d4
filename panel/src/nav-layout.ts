/**
 * Which pages get a tab of their own and which wait behind "More" — the "priority plus" pattern
 * (GitHub's UnderlineNav, Material's bottom bar with an overflow destination). Pages with a
 * `priority` are primary: they get tabs while room allows, the most important first; the others
 * always live in More. Pure: widths are measured by the caller.
 */

/** The part of a navigation item the split needs. */
export interface NavEntry {
  id: string;
  /** Lower is more important; absent means the page always lives in More. */
  priority?: number;
}

/** Items shown as tabs and items behind More, each in the given (navigation) order. */
export interface NavSplit<T> {
  shown: T[];
  more: T[];
}

/**
 * Destinations a phone's bottom bar holds, More included. Material 3 allows three to five
 * (m3.material.io, "Navigation bar"); at 360 px five leave 72 px per label.
 */
export const BOTTOM_BAR_SLOTS = 5;

/** Primary entries, most important first. */
function byPriority<T extends NavEntry>(items: readonly T[]): T[] {
  return items.filter((item) => item.priority !== undefined).sort((a, b) => a.priority! - b.priority!);
}

function splitKeeping<T extends NavEntry>(items: readonly T[], kept: readonly T[]): NavSplit<T> {
  const keep = new Set(kept.map((item) => item.id));
  return { shown: items.filter((item) => keep.has(item.id)), more: items.filter((item) => !keep.has(item.id)) };
}

/** The split for a bar of `slots` places (More takes one when anything is left over). */
export function splitForSlots<T extends NavEntry>(items: readonly T[], slots: number): NavSplit<T> {
  if (items.length <= slots) return { shown: [...items], more: [] };
  return splitKeeping(items, byPriority(items).slice(0, Math.max(0, slots - 1)));
}

/** What `splitForWidth` needs to know about sizes, in CSS pixels. */
export interface NavWidths {
  /** Room for the whole tab row, More included. */
  available: number;
  /** Width of an item's tab. */
  tab(id: string): number;
  /**
   * Width of the More button with these pages behind it: it names the current page when that
   * page is among them, and sums their badges.
   */
  more(behind: readonly string[]): number;
}

/**
 * The split for a tab row: as many primary pages as fit next to the More button, dropping the
 * least important first. The More button's width depends on what is behind it (the current
 * page's name, badges), so each candidate split is checked with its own. With no room at all,
 * everything goes behind More.
 */
export function splitForWidth<T extends NavEntry>(items: readonly T[], widths: NavWidths): NavSplit<T> {
  const primary = byPriority(items);
  for (let count = primary.length; count > 0; count--) {
    const split = splitKeeping(items, primary.slice(0, count));
    const tabs = split.shown.reduce((sum, item) => sum + widths.tab(item.id), 0);
    const more = split.more.length > 0 ? widths.more(split.more.map((item) => item.id)) : 0;
    if (tabs + more <= widths.available) return split;
  }
  return { shown: [], more: [...items] };
}
