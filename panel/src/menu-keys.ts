/**
 * Where the arrow, Home and End keys move the focus in a menu (WAI-ARIA menu pattern, wrapping at
 * both ends): the index of the item to focus, or null for any other key. The nav's More menu and
 * the schedule row's menu both use it.
 */
export function menuMove(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  const to = key === 'ArrowDown' ? index + 1 : key === 'ArrowUp' ? index - 1 : key === 'Home' ? 0 : key === 'End' ? count - 1 : null;
  return to === null ? null : (to + count) % count;
}
