import { readFileSync } from "node:fs";
import { defaultScorecard } from "../core/default-scorecard.js";
import { parseScorecard, type Scorecard } from "../core/scorecard.js";
import { ConfigError } from "./env.js";

/** SCORECARD_PATH (JSON) or the built-in card; a bad file fails at start naming the problem. */
export function loadScorecard(path: string | undefined): Scorecard {
  if (!path) return defaultScorecard;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration:\n  SCORECARD_PATH: cannot read ${path} as JSON (${(error as Error).message})`,
    );
  }
  const parsed = parseScorecard(raw);
  if (!parsed.ok)
    throw new ConfigError(
      `Invalid configuration:\n  SCORECARD_PATH: ${path} is not a valid scorecard:\n${parsed.error}`,
    );
  return parsed.value;
}
