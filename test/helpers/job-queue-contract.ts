import { expect } from "vitest";
import type { JobQueue } from "../../src/engine/ports.js";

/**
 * The JobQueue port's promise that jobs run side by side: a quick job enqueued after a slow one
 * that is still running finishes first. Both queue adapters are held to it. The queue must be
 * started by the caller's setup and is drained here.
 */
export async function expectSlowJobHoldsUpNoOther(queue: JobQueue, settleMs: number): Promise<void> {
  let releaseSlow!: () => void;
  const slowDone = new Promise<void>((resolve) => {
    releaseSlow = resolve;
  });
  const order: string[] = [];
  queue.work("slow", async () => {
    await slowDone;
    order.push("slow");
  });
  let quickRan!: () => void;
  const quick = new Promise<void>((resolve) => {
    quickRan = resolve;
  });
  queue.work("quick", async () => {
    order.push("quick");
    quickRan();
  });
  queue.start();
  await queue.enqueue("slow", {});
  queue.nudge();
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  await queue.enqueue("quick", {});
  queue.nudge();
  await quick;
  releaseSlow();
  await queue.drain();
  expect(order).toEqual(["quick", "slow"]);
}
