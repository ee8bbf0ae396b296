import type { Qualbot } from "../../src/main.js";
import { isPostgres } from "../../src/store/database-url.js";
import { defaultPgBossSchema } from "../../src/store/pg-boss-job-queue.js";

/** A job as the table-backed queue records it, whichever queue (Job table or pg-boss) holds it. */
export interface JobRow {
  status: "pending" | "done" | "dead";
  /** Runs started so far. */
  attempts: number;
  lastError: string | null;
}

const statusOfPgBossState: Record<string, JobRow["status"]> = {
  created: "pending",
  retry: "pending",
  active: "pending",
  completed: "done",
  failed: "dead",
};

/** The jobs named `name`, oldest first. */
export async function jobRows(qualbot: Qualbot, name: string): Promise<JobRow[]> {
  if (!isPostgres(qualbot.config.databaseUrl)) {
    const rows = await qualbot.db.job.findMany({ where: { name }, orderBy: { id: "asc" } });
    return rows.map((row) => ({
      status: row.status as JobRow["status"],
      attempts: row.attempts,
      lastError: row.lastError,
    }));
  }
  const rows = await qualbot.db.$queryRawUnsafe<
    { state: string; retry_count: number; started: boolean; output: { message?: string } | null }[]
  >(
    `SELECT state::text AS state, retry_count, started_on IS NOT NULL AS started, output
     FROM ${defaultPgBossSchema}.job WHERE name = $1 ORDER BY created_on, id`,
    name,
  );
  return rows.map((row) => ({
    status: statusOfPgBossState[row.state] ?? "pending",
    attempts: row.retry_count + (row.started ? 1 : 0),
    lastError: row.state === "completed" ? null : (row.output?.message ?? null),
  }));
}

/** Skips the backoff: every waiting job named `name` is due now. */
export async function makeJobsDue(qualbot: Qualbot, name: string): Promise<void> {
  if (!isPostgres(qualbot.config.databaseUrl)) {
    await qualbot.db.job.updateMany({ where: { name, status: "pending" }, data: { runAfter: new Date(0) } });
    return;
  }
  await qualbot.db.$executeRawUnsafe(
    `UPDATE ${defaultPgBossSchema}.job SET start_after = now() - interval '1 second'
     WHERE name = $1 AND state IN ('created', 'retry')`,
    name,
  );
}

/**
 * What an instance killed after its job's work but before the job was marked finished leaves:
 * every finished job named `name` is unfinished again, its lease run out (it runs as a retry).
 */
export async function reopenFinishedJobs(qualbot: Qualbot, name: string): Promise<void> {
  if (!isPostgres(qualbot.config.databaseUrl)) {
    await qualbot.db.job.updateMany({
      where: { name, status: "done" },
      data: { status: "pending", lockedBy: null, lockedUntil: null, finishedAt: null, runAfter: new Date(0) },
    });
    return;
  }
  await qualbot.db.$executeRawUnsafe(
    `UPDATE ${defaultPgBossSchema}.job
     SET state = 'retry', start_after = now() - interval '1 second', completed_on = NULL
     WHERE name = $1 AND state = 'completed'`,
    name,
  );
}
