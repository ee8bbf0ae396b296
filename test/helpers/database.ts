import { type Config, loadConfig } from "../../src/config/env.js";
import type { Clock } from "../../src/engine/ports.js";
import type { Extractor } from "../../src/extraction/extractor.js";
import { silentLogger } from "../../src/logging/logger.js";
import { createQualbot, type Qualbot } from "../../src/main.js";
import { freshDatabaseUrl } from "./temp-database.js";

export { freshDatabaseUrl };

export interface TestQualbot extends Qualbot {
  cleanup(): Promise<void>;
}

/** A real Qualbot (migrated SQLite, real store and engine) for one test file. */
export async function createTestQualbot(
  options: {
    extractor?: Extractor;
    clock?: Clock;
    env?: Record<string, string>;
    config?: Partial<Config>;
  } = {},
): Promise<TestQualbot> {
  const database = freshDatabaseUrl();
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
      database.cleanup();
    },
  };
}
