import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The JS (WASM) schema engine with a driver adapter runs migrate/generate fully offline;
// Prisma's Rust schema-engine binary would need a download at run time.
// The schema reads env("DATABASE_URL"); without it the CLI falls back to fetching a Rust engine.
process.env.DATABASE_URL ??= "file:./data/qualbot.db";
const url = process.env.DATABASE_URL;
// A postgresql:// URL selects the PostgreSQL schema (derived from prisma/schema.prisma) and its
// own migrations; `--schema` still overrides the schema (postinstall generates both clients).
// Note: Prisma 6.19's `migrate deploy|status` over @prisma/adapter-pg fail on PostgreSQL's `name`
// type (prisma/orm#27403); qualbot applies its PostgreSQL migrations itself (src/store/migrate-postgres.ts).
const postgres = /^postgres(ql)?:\/\//.test(url);
const folder = postgres ? path.join("prisma", "postgresql") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  adapter: async () =>
    postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url }),
});
