/**
 * Rows inside a lane. Two schedules that hold one entity at the same time (overlapping windows
 * or ramps) get rows of their own, so both stay visible and the clash is plain to see. A schedule
 * keeps one row for the whole range, so the eye can follow it from day to day. Point actions
 * never need a row of their own: a tick drawn over a block stays readable.
 */

export interface Span {
  start: number;
  end: number;
}

/** The rows a lane may grow to; more clashing schedules share the last row. */
export const MAX_ROWS = 4;

/** Whether two start-sorted span lists overlap anywhere (touching ends do not count). */
export function spansOverlap(a: readonly Span[], b: readonly Span[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x.start < y.end && y.start < x.end) return true;
    if (x.end <= y.end) i++;
    else j++;
  }
  return false;
}

function insertSorted(target: Span[], spans: readonly Span[]): void {
  target.push(...spans);
  target.sort((p, q) => p.start - q.start);
}

/**
 * Assigns each group (a schedule's start-sorted spans, in priority order) the first row where it
 * overlaps nothing. Returns the row per group, in input order.
 */
export function packRows(groups: readonly (readonly Span[])[], maxRows = MAX_ROWS): number[] {
  const rows: Span[][] = [];
  return groups.map((spans) => {
    if (spans.length === 0) return 0;
    let row = rows.findIndex((taken) => !spansOverlap(taken, spans));
    if (row === -1) {
      row = rows.length < maxRows ? rows.length : maxRows - 1;
      rows[row] ??= [];
    }
    insertSorted(rows[row]!, spans);
    return row;
  });
}
