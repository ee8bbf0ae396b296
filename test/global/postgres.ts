import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * `npm test` runs the PostgreSQL variants too: when no QUALBOT_TEST_POSTGRES_URL is given and
 * Debian's PostgreSQL is installed (scripts/ensure-test-tools.sh installs it as root), a
 * throwaway cluster is started for this run and stopped after it. Without PostgreSQL those
 * variants are reported as skipped, with the reason.
 */
export default function setup(): (() => void) | undefined {
  if (process.env.QUALBOT_TEST_POSTGRES_URL || process.env.QUALBOT_TEST_POSTGRES === "off") return undefined;
  // A marker of this run's own, so overlapping test runs never stop each other's cluster.
  const env = {
    ...process.env,
    QUALBOT_TEST_POSTGRES_MARKER: path.join(tmpdir(), `qualbot-test-postgres-${process.pid}.dir`),
  };
  let output: string;
  try {
    output = execFileSync("bash", [path.join(root, "scripts/start-test-postgres.sh")], {
      cwd: root,
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch {
    return undefined;
  }
  const url = /QUALBOT_TEST_POSTGRES_URL=(\S+)/.exec(output)?.[1];
  if (!url) return undefined;
  process.env.QUALBOT_TEST_POSTGRES_URL = url;
  return () => {
    execFileSync("bash", [path.join(root, "scripts/stop-test-postgres.sh")], {
      cwd: root,
      env,
      stdio: "ignore",
    });
  };
}
