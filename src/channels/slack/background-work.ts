/**
 * Work that continues after Slack was acknowledged. Tracked so that `stop()` can let it finish
 * and tests and benchmarks can wait until everything received has been handled.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<unknown>>();

  run<T>(work: () => Promise<T>): Promise<T> {
    const running = work();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return running;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves once nothing is running, including work started while waiting. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
