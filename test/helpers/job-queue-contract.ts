import { expect } from "vitest";
import { KeyedLock } from "../../src/engine/keyed-lock.js";
import type { JobPayload, JobQueue } from "../../src/engine/ports.js";

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

const waitUntil = async (done: () => boolean, what: string, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/**
 * The port's job groups keep slots for work that can progress: with two slots, while a group's
 * first job runs, its queued successors take no slot, so other groups' jobs (and ungrouped ones)
 * start and finish meanwhile; the group then runs in order. The handler serialises per group
 * itself, as the Slack turn handler does with its conversation lock: without groups, a successor
 * would hold the second slot waiting on that lock, and nothing else could start.
 */
export async function expectWaitingGroupHoldsNoSlot(queue: JobQueue): Promise<void> {
  const locks = new KeyedLock();
  let releaseFirst!: () => void;
  const firstMayEnd = new Promise<void>((resolve) => {
    releaseFirst = resolve;
  });
  const started: string[] = [];
  const finished: string[] = [];
  queue.work("turn", async (payload) => {
    const id = String(payload.id);
    await locks.run(String(payload.group), async () => {
      started.push(id);
      if (id === "a1") await firstMayEnd;
      finished.push(id);
    });
  });
  for (const id of ["a1", "a2", "a3"]) await queue.enqueue("turn", { id, group: "a" }, { groupKey: "a" });
  await queue.enqueue("turn", { id: "b1", group: "b" }, { groupKey: "b" });
  await queue.enqueue("turn", { id: "c1", group: "c" });
  queue.start();
  queue.nudge();
  try {
    await waitUntil(() => finished.includes("b1") && finished.includes("c1"), "b1 and c1 to run beside a1");
    expect(started).not.toContain("a2");
  } finally {
    releaseFirst();
  }
  await queue.drain();
  expect(finished.filter((id) => id.startsWith("a"))).toEqual(["a1", "a2", "a3"]);
}

/**
 * Two instances working on one group never run two of its jobs at once, and run them in the
 * order they were enqueued (there is no lock in this handler: the queue alone keeps it).
 */
export async function expectGroupRunsInOrderAcrossInstances(one: JobQueue, two: JobQueue): Promise<void> {
  const ran: number[] = [];
  let running = 0;
  let overlapped = false;
  const handler = async (payload: JobPayload) => {
    running++;
    if (running > 1) overlapped = true;
    await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 5));
    ran.push(Number(payload.index));
    running--;
  };
  one.work("ordered", handler);
  two.work("ordered", handler);
  for (let index = 0; index < 12; index++) await one.enqueue("ordered", { index }, { groupKey: "only" });
  one.start();
  two.start();
  one.nudge();
  two.nudge();
  await waitUntil(() => ran.length === 12, "every job of the group", 20_000);
  await Promise.all([one.drain(), two.drain()]);
  expect(overlapped).toBe(false);
  expect(ran).toEqual([...Array(12).keys()]);
}
