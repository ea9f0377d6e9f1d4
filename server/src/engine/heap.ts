/** A binary min-heap ordered by `at`: the dispatcher's due queue. O(log n) push and pop. */
export interface HeapEntry {
  /** When to wake for it (the heap's order). */
  at: number;
  key: string;
  /** When it is due (equal to `at` unless the key is prepared ahead). */
  due: number;
}

export class MinHeap {
  private readonly items: HeapEntry[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): HeapEntry | undefined {
    return this.items[0];
  }

  push(entry: HeapEntry): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.at <= entry.at) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = entry;
  }

  pop(): HeapEntry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    const n = items.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && items[right]!.at < items[left]!.at ? right : left;
      if (items[child]!.at >= last.at) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }

  /** The entries, in no particular order (to rebuild from the live ones). */
  entries(): readonly HeapEntry[] {
    return this.items;
  }

  /** Rebuilds from scratch (O(n)), used to drop stale entries in bulk. */
  rebuild(entries: HeapEntry[]): void {
    this.items.length = 0;
    for (const e of entries.sort((a, b) => a.at - b.at)) this.items.push(e);
  }
}
