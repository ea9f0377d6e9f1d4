/**
 * Coalesces live events into one fetch per changed schedule: a run emits several events (queued,
 * running, success) and an import emits many, so ids are collected and flushed once the current
 * burst has been delivered.
 */
export class RefreshQueue {
  private readonly ids = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly flush: (ids: string[]) => Promise<void>) {}

  add(id: string): void {
    this.ids.add(id);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const ids = [...this.ids];
      this.ids.clear();
      void this.flush(ids);
    }, 0);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.ids.clear();
  }
}
