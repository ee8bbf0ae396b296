import { describe } from "vitest";
import { type Config, loadConfig } from "../../src/config/env.js";
import type { Clock } from "../../src/engine/ports.js";
import type { Extractor } from "../../src/extraction/extractor.js";
import { silentLogger } from "../../src/logging/logger.js";
import { createQualbot, type Qualbot } from "../../src/main.js";
import type { DatabaseKind } from "../../src/store/database-url.js";
import { databaseKinds, freshDatabase, freshDatabaseUrl, postgresSkipReason } from "./temp-database.js";

export { freshDatabase, freshDatabaseUrl };

export interface TestQualbot extends Qualbot {
  cleanup(): Promise<void>;
}

/**
 * Runs a suite once per database kind. The PostgreSQL run needs QUALBOT_TEST_POSTGRES_URL; without
 * it the suite is reported as skipped, with the reason in its name.
 */
export function describeEachDatabase(name: string, suite: (kind: DatabaseKind) => void): void {
  for (const { kind, available } of databaseKinds) {
    const title = available ? `${name} [${kind}]` : `${name} [${kind}] — ${postgresSkipReason}`;
    describe.skipIf(!available)(title, () => suite(kind));
  }
}

/** A real Qualbot (migrated database, real store and engine) for one test. */
export async function createTestQualbot(
  options: {
    extractor?: Extractor;
    clock?: Clock;
    env?: Record<string, string>;
    config?: Partial<Config>;
    database?: DatabaseKind;
  } = {},
): Promise<TestQualbot> {
  const database = await freshDatabase(options.database ?? "sqlite");
  const config = {
    ...loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: "silent", ...options.env }),
    ...options.config,
  };
  const qualbot = await createQualbot(config, {
    logger: silentLogger,
    extractor: options.extractor,
    clock: options.clock,
  });
  return {
    ...qualbot,
    async cleanup() {
      await qualbot.close();
      await database.cleanup();
    },
  };
}
