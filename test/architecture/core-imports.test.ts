import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const coreDir = path.resolve(import.meta.dirname, "../../src/core");

function importsOf(source: string): string[] {
  return [
    ...source.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1] ?? match[2]!);
}

describe("the core stays pure", () => {
  const files = readdirSync(coreDir).filter((file) => file.endsWith(".ts"));

  it("has modules to check", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)("%s imports only zod and the core itself, and never reads process.env", (file) => {
    const source = readFileSync(path.join(coreDir, file), "utf8");
    for (const specifier of importsOf(source))
      expect(specifier === "zod" || specifier.startsWith("./"), `${file} imports ${specifier}`).toBe(true);
    expect(source).not.toMatch(/process\.env|Date\.now\(\)|Math\.random\(\)/);
  });
});
