import path from "node:path";

/** `file:./data/qualbot.db` → an absolute path (relative to the working directory, like the adapter). */
export function sqliteFilePath(databaseUrl: string, cwd = process.cwd()): string {
  if (!databaseUrl.startsWith("file:")) throw new Error("not a SQLite file: URL");
  const withoutScheme = databaseUrl.slice("file:".length).replace(/\?.*$/, "");
  if (withoutScheme === ":memory:") return withoutScheme;
  return path.resolve(cwd, withoutScheme);
}

export function isSqlite(databaseUrl: string): boolean {
  return databaseUrl.startsWith("file:");
}

export function isPostgres(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}

export type DatabaseKind = "sqlite" | "postgresql";

export function databaseKindOf(databaseUrl: string): DatabaseKind {
  if (isSqlite(databaseUrl)) return "sqlite";
  if (isPostgres(databaseUrl)) return "postgresql";
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)");
}
