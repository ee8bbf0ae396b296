import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "../../src/store/migrate.js";
import { freshDatabaseUrl } from "../helpers/temp-database.js";

const root = path.resolve(import.meta.dirname, "../..");

describe("migrateSqlite", () => {
  const database = freshDatabaseUrl();
  afterAll(() => database.cleanup());
  const url = `file:${path.join(database.directory, "nested", "qualbot.db")}`;

  it("creates the file and its folder, applies every migration once, and is idempotent", () => {
    const first = migrateSqlite(url);
    expect(first.applied.length).toBeGreaterThan(0);
    const second = migrateSqlite(url);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });
    const db = new Database(path.join(database.directory, "nested", "qualbot.db"));
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => (row as { name: string }).name);
    db.close();
    expect(tables).toEqual(
      expect.arrayContaining([
        "Lead",
        "Conversation",
        "Message",
        "Signal",
        "ScoreSnapshot",
        "Handoff",
        "AuditEvent",
      ]),
    );
  });

  it("records migrations the way Prisma does, so `prisma migrate deploy` finds nothing to apply", () => {
    const output = execFileSync("npx", ["prisma", "migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(output).toContain("No pending migrations to apply");
  });
});
