import type { Database } from "../../src/store/prisma-client.js";

/**
 * Opens a Prisma transaction that writes an InboundEvent row (`key`), stays open for `holdMs`,
 * then throws "abort" and rolls back. Returns once the row is written inside it; `outcome` is the
 * transaction's error message, for tests of what other work sees and keeps meanwhile.
 */
export async function openDoomedTransaction(
  db: Database,
  key: string,
  holdMs = 50,
): Promise<{ outcome: Promise<string> }> {
  let written!: () => void;
  const rowWritten = new Promise<void>((resolve) => {
    written = resolve;
  });
  const outcome = db
    .$transaction(async (tx) => {
      await tx.inboundEvent.create({ data: { key } });
      written();
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      throw new Error("abort");
    })
    .catch((error: Error) => error.message);
  await rowWritten;
  return { outcome };
}
