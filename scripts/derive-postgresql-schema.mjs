#!/usr/bin/env node
// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma: same models, PostgreSQL
// provider, its own generated client. The SQLite schema stays the one that is edited by hand;
// `--check` fails when the committed copy is stale (a test runs it).
//
// After changing prisma/schema.prisma, add a migration for each database (no server needed):
//   git show HEAD:prisma/schema.prisma > /tmp/old.prisma
//   DATABASE_URL=file:/tmp/diff.db npx prisma migrate diff --from-schema-datamodel /tmp/old.prisma \
//     --to-schema-datamodel prisma/schema.prisma --script > prisma/migrations/<stamp>_<name>/migration.sql
//   node scripts/derive-postgresql-schema.mjs && git show HEAD:prisma/postgresql/schema.prisma > /tmp/old-pg.prisma
//   DATABASE_URL=file:/tmp/diff.db npx prisma migrate diff --from-schema-datamodel /tmp/old-pg.prisma \
//     --to-schema-datamodel prisma/postgresql/schema.prisma --script > prisma/postgresql/migrations/<stamp>_<name>/migration.sql
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "prisma", "schema.prisma");
const target = path.join(root, "prisma", "postgresql", "schema.prisma");

export function derivePostgresqlSchema(sqliteSchema) {
  const header = [
    "// GENERATED from prisma/schema.prisma by scripts/derive-postgresql-schema.mjs — do not edit.",
    "// Same models on PostgreSQL (DATABASE_URL=postgresql://…), with its own generated client.",
    "",
  ].join("\n");
  const swapped = sqliteSchema
    .replace(
      /generator client \{[^}]*\}/,
      [
        "generator client {",
        '  provider   = "prisma-client-js"',
        '  engineType = "client"',
        '  output     = "../../node_modules/.prisma/client-postgresql"',
        "}",
      ].join("\n"),
    )
    .replace(/(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"');
  if (!swapped.includes('provider = "postgresql"')) throw new Error("datasource provider not found");
  return header + swapped;
}

const derived = derivePostgresqlSchema(readFileSync(source, "utf8"));
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current !== derived) {
    console.error("prisma/postgresql/schema.prisma is stale: run node scripts/derive-postgresql-schema.mjs");
    process.exit(1);
  }
} else {
  writeFileSync(target, derived);
}
