/** "Did you mean …?" for a mistyped command: the names within a small edit distance, or sharing its start. */

/**
 * How many edits a typo of a word this long may have: none for two or three letters (anything
 * would be "near"), one up to five ("lsit"), two beyond ("histroy" is one swap anyway).
 */
function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  return length <= 5 ? 1 : 2;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring letters each count one (a swap is the commonest typo).
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

export function suggestions(typed: string, names: readonly string[]): string[] {
  const word = typed.toLowerCase();
  return names.filter((name) => {
    const first = name.split(' ')[0]!;
    return editDistance(word, first) <= allowedEdits(word.length) || (word.length >= 2 && first.startsWith(word));
  });
}
