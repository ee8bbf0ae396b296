/**
 * A unique-constraint violation (Prisma P2002). Checked by code, not `instanceof`: the SQLite
 * and PostgreSQL clients are generated separately and each carries its own error classes.
 */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { name?: unknown }).name === "PrismaClientKnownRequestError" &&
    (error as { code?: unknown }).code === "P2002"
  );
}

/** "Record to update not found" (Prisma P2025): here, a compare-and-set that lost. */
export function isRecordNotFound(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { name?: unknown }).name === "PrismaClientKnownRequestError" &&
    (error as { code?: unknown }).code === "P2025"
  );
}
