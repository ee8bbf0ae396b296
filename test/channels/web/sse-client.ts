export interface ServerSentEvent {
  id?: string;
  event?: string;
  data: string;
}

/**
 * A minimal EventSource for tests: reads a `text/event-stream` response and hands out events
 * (and comment lines, to see heartbeats) as they arrive.
 */
export class SseReader {
  readonly events: ServerSentEvent[] = [];
  readonly comments: string[] = [];
  private buffer = "";
  private waiters: (() => void)[] = [];
  private done = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;

  constructor(readonly response: Response) {
    if (!response.body) throw new Error("response has no body");
    this.reader = response.body.getReader();
    void this.pump();
  }

  private async pump() {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await this.reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        this.parse();
      }
    } catch {
      // Cancelled by close().
    }
    this.done = true;
    this.wake();
  }

  private parse() {
    for (let end = this.buffer.indexOf("\n\n"); end !== -1; end = this.buffer.indexOf("\n\n")) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event: ServerSentEvent = { data: "" };
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) this.comments.push(line.slice(1).trim());
        else if (line.startsWith("data: ")) data.push(line.slice(6));
        else if (line.startsWith("id: ")) event.id = line.slice(4);
        else if (line.startsWith("event: ")) event.event = line.slice(7);
      }
      if (data.length > 0) {
        event.data = data.join("\n");
        this.events.push(event);
      }
    }
    this.wake();
  }

  private wake() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  get ended(): boolean {
    return this.done;
  }

  /** Resolves when `predicate` holds, failing after `timeoutMs`. */
  async until(predicate: (reader: SseReader) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (this.done) throw new Error(`stream ended before the condition held (${this.events.length} events)`);
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(`timed out with ${this.events.length} events: ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  messages<T = { id: number; role: string; text: string }>(): T[] {
    return this.events.map((event) => JSON.parse(event.data) as T);
  }

  async close() {
    await this.reader.cancel().catch(() => undefined);
  }
}
