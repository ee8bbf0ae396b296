import type { Database } from "../../store/prisma-client.js";
import { isUniqueViolation } from "../../store/prisma-errors.js";

/** Idempotency keys for inbound deliveries, shared by every instance through the database. */
export interface InboundKeys {
  /**
   * True the first time: all keys are recorded together (one statement), or none is when any was
   * seen before (a retry, or the same message delivered as another event).
   */
  claim(...keys: string[]): Promise<boolean>;
  /** Whether this key was claimed (and not pruned yet). */
  seen(key: string): Promise<boolean>;
  /** Forgets keys older than `before` (retries arrive within minutes; the table must not grow forever). */
  prune(before: Date): Promise<number>;
}

/** Keys are stored under `prefix` so that pruning leaves other channels' keys alone. */
export function createInboundKeys(db: Database, prefix = "slack:"): InboundKeys {
  return {
    async claim(...keys) {
      try {
        await db.inboundEvent.createMany({ data: keys.map((key) => ({ key: `${prefix}${key}` })) });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async seen(key) {
      return (await db.inboundEvent.findUnique({ where: { key: `${prefix}${key}` } })) !== null;
    },
    async prune(before) {
      const removed = await db.inboundEvent.deleteMany({
        where: { key: { startsWith: prefix }, createdAt: { lt: before } },
      });
      return removed.count;
    },
  };
}
