import type { JobPayload } from "../engine/ports.js";

/** pg-boss's database handle (`boss.getDb()`). */
export interface PgBossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** What the adapter needs of a job it fetched (pg-boss's own column aliases). */
export interface FetchedJob {
  id: string;
  name: string;
  data: JobPayload | null;
  retryCount: number;
  retryLimit: number;
  createdOn: Date;
}

/**
 * pg-boss 10's fetch with job groups (the port's `groupKey`, kept in `singleton_key`): a job is
 * fetched only when no other unfinished job of its group (created, waiting for a retry, active)
 * is active or older, so a group runs one job at a time, in creation order, and its waiting jobs
 * are never leased. pg-boss 10 has no such fetch: its `singleton` policy lets one job per key be
 * active, but a fetch whose batch meets a key already active fails as a whole (the unique index
 * rejects it and `fetch` returns nothing), which stops every group behind one; pg-boss 12's
 * `key_strict_fifo` policy is this, and needs Node 22.
 *
 * Two instances fetching at once cannot start two jobs of a group: both see the group's first
 * unfinished job as the only candidate, and `FOR UPDATE SKIP LOCKED` (with PostgreSQL's recheck of
 * `state` on a row updated meanwhile) gives it to one. A job that finished never becomes unfinished
 * again, so a successor is never started early. Otherwise the query is pg-boss's own fetch
 * (`fetchNextJob` in pg-boss 10's plans.js): same order, same state change, same retry count.
 */
export async function fetchGroupedJobs(
  db: PgBossDb,
  schema: string,
  name: string,
  limit: number,
): Promise<FetchedJob[]> {
  const result = await db.executeSql(fetchSql(schema), [name, limit]);
  return result.rows as FetchedJob[];
}

function fetchSql(schema: string): string {
  return `
    WITH next AS (
      SELECT j.id
      FROM ${schema}.job j
      WHERE j.name = $1
        AND j.state < 'active'
        AND j.start_after < now()
        AND (
          j.singleton_key IS NULL
          OR NOT EXISTS (
            SELECT 1 FROM ${schema}.job other
            WHERE other.name = $1
              AND other.singleton_key = j.singleton_key
              AND other.state < 'completed'
              AND other.id <> j.id
              AND (other.state = 'active' OR (other.created_on, other.id) < (j.created_on, j.id))
          )
        )
      ORDER BY j.priority DESC, j.created_on, j.id
      LIMIT $2
      FOR UPDATE SKIP LOCKED
    )
    UPDATE ${schema}.job j SET
      state = 'active',
      started_on = now(),
      retry_count = CASE WHEN j.started_on IS NOT NULL THEN j.retry_count + 1 ELSE j.retry_count END
    FROM next
    WHERE j.name = $1 AND j.id = next.id
    RETURNING j.id, j.name, j.data, j.retry_count AS "retryCount", j.retry_limit AS "retryLimit",
      j.created_on AS "createdOn"
  `;
}

/**
 * Finds a group's unfinished jobs without reading its finished ones (kept for hours before pg-boss
 * archives them). Made on pg-boss's partitioned job table, so every queue's partition has it; looked
 * for first, because making it (even "if not exists") holds writes to the job table back a moment.
 */
export async function ensureGroupIndex(db: PgBossDb, schema: string): Promise<void> {
  const index = `${schema}.qualbot_job_group`;
  const found = await db.executeSql("SELECT to_regclass($1) IS NOT NULL AS present", [index]);
  if ((found.rows[0] as { present?: boolean } | undefined)?.present) return;
  try {
    await db.executeSql(
      `CREATE INDEX IF NOT EXISTS qualbot_job_group ON ${schema}.job (name, singleton_key, created_on)
       WHERE state < 'completed' AND singleton_key IS NOT NULL`,
    );
  } catch (error) {
    // Instances starting together: another one made it (or is making it) at the same moment.
    const code = (error as { code?: string }).code;
    if (code !== "23505" && code !== "42P07") throw error;
  }
}
