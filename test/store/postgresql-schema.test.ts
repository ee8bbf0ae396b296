import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** Every `model` block, keyed by name, with whitespace runs collapsed. */
function models(schema: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm))
    found.set(match[1]!, match[2]!.replace(/\s+/g, " ").trim());
  return found;
}

describe("PostgreSQL schema", () => {
  it("has exactly the SQLite schema's models", () => {
    const sqlite = models(read("prisma/schema.prisma"));
    const postgres = models(read("prisma/postgresql/schema.prisma"));
    expect(sqlite.size).toBeGreaterThan(5);
    expect([...postgres.keys()].sort()).toEqual([...sqlite.keys()].sort());
    for (const [name, body] of sqlite) expect(postgres.get(name), name).toBe(body);
  });

  it("is the committed output of the derive script, with the PostgreSQL provider", () => {
    execFileSync("node", ["scripts/derive-postgresql-schema.mjs", "--check"], { cwd: root, stdio: "pipe" });
    expect(read("prisma/postgresql/schema.prisma")).toMatch(/provider = "postgresql"/);
  });

  it("has a PostgreSQL migration for every model", () => {
    const migrations = path.join(root, "prisma", "postgresql", "migrations");
    const sql = execFileSync("sh", ["-c", `cat "${migrations}"/*/migration.sql`], { encoding: "utf8" });
    for (const name of models(read("prisma/schema.prisma")).keys())
      expect(sql, name).toContain(`CREATE TABLE "${name}"`);
  });
});
