import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  defaultPromptsDirectory,
  loadTurnPrompts,
  PromptFileError,
  parsePromptFile,
} from "../../src/llm/prompts.js";

function copyPrompts(): string {
  const directory = mkdtempSync(path.join(tmpdir(), "qualbot-prompts-"));
  for (const name of ["system", "extraction", "reply"])
    writeFileSync(
      path.join(directory, `${name}.md`),
      readFileSync(path.join(defaultPromptsDirectory, `${name}.md`)),
    );
  return directory;
}

describe("turn prompts", () => {
  it("loads the three prompt files with ids from their first line and sha256 content hashes", () => {
    const prompts = loadTurnPrompts();
    expect(prompts.id).toBe(`${prompts.system.id}+${prompts.extraction.id}+${prompts.reply.id}`);
    const file = readFileSync(path.join(defaultPromptsDirectory, "extraction.md"));
    expect(prompts.extraction.hash).toBe(createHash("sha256").update(file).digest("hex"));
    expect(prompts.extraction.text.startsWith("<!--")).toBe(false);
    expect(prompts.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the set's hash changes with any edit to any file, the id only when a file's id changes", () => {
    const directory = copyPrompts();
    const before = loadTurnPrompts(directory);
    const replyFile = path.join(directory, "reply.md");
    writeFileSync(replyFile, `${readFileSync(replyFile, "utf8")}\n- Be brief.\n`);
    const after = loadTurnPrompts(directory);
    expect(after.hash).not.toBe(before.hash);
    expect(after.id).toBe(before.id);
  });

  it("rejects a prompt file without an id", () => {
    expect(() => parsePromptFile("Just text", "x.md")).toThrow(PromptFileError);
    expect(() => parsePromptFile("Hello\n<!-- id: x.v1 -->\n", "x.md")).toThrow(PromptFileError);
    expect(() => parsePromptFile("<!-- id: x.v1 -->\n\n", "x.md")).toThrow(/empty/);
    expect(parsePromptFile("<!-- id: x.v1 -->\n\nHello\n", "x.md")).toMatchObject({
      id: "x.v1",
      text: "Hello",
    });
  });

  it("names the missing file", () => {
    expect(() => loadTurnPrompts(path.join(tmpdir(), "no-such-prompts-dir"))).toThrow(/system\.md/);
  });
});
