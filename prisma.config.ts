import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// The JS (WASM) schema engine with a driver adapter runs migrate/generate fully offline;
// Prisma's Rust schema-engine binary would need a download at run time.
// The schema reads env("DATABASE_URL"); without it the CLI falls back to fetching a Rust engine.
process.env.DATABASE_URL ??= "file:./data/qualbot.db";
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
