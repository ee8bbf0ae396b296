import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLeads } from "../../src/cli/leads-command.js";
import { handleProspectMessage } from "../../src/engine/handle-prospect-message.js";
import { createTestQualbot, type TestQualbot } from "../helpers/database.js";

let qualbot: TestQualbot;
let leadId = "";

beforeAll(async () => {
  qualbot = await createTestQualbot();
  const say = (text: string) =>
    handleProspectMessage(qualbot.engine, { channel: "web", conversationKey: "visitor-1", text });
  await say("Hi, I'm Dana Whitfield, VP of Sales at Acme Logistics, we're about 200 people.");
  await say("Our reps waste hours every week qualifying inbound leads by hand and we need to automate it.");
  leadId = (await say('We have $50k a year set aside for it, and it\'s "urgent", honestly.')).leadId;
  await handleProspectMessage(qualbot.engine, { channel: "cli", conversationKey: "other", text: "hello" });
});
afterAll(() => qualbot.cleanup());

async function leads(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const out = new PassThrough().on("data", (chunk) => (stdout += chunk));
  const err = new PassThrough().on("data", (chunk) => (stderr += chunk));
  const code = await runLeads(qualbot, argv, {
    stdin: new PassThrough(),
    stdout: out,
    stderr: err,
    isTTY: false,
    env: {},
  });
  return { code, stdout, stderr };
}

describe("qualbot leads", () => {
  it("lists leads newest first, filters by stage, and prints JSON lines", async () => {
    const table = await leads("list");
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+STAGE\s+SCORE/);
    expect(table.stdout).toContain(leadId);
    expect(table.stdout).toContain("Dana Whitfield · Acme Logistics");
    const engaged = await leads("list", "--stage", "new", "--json");
    expect(engaged.stdout).toBe("");
    const all = (await leads("list", "--json")).stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(all).toHaveLength(2);
  });

  it("shows a lead with score reasons, evidence quotes and the transcript, by id prefix", async () => {
    const shown = await leads("show", leadId.slice(0, 10));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("budget     allocated, 50,000 USD, year");
    expect(shown.stdout).toContain('← "$50k a year set aside"');
    expect(shown.stdout).toMatch(/\+25 {2}need\.explicit/);
    expect(shown.stdout).toContain("Our reps waste hours");
    expect((await leads("show", "nope")).code).toBe(1);
  });

  it("exports every lead record as JSONL and as CSV that round-trips quotes and commas", async () => {
    const jsonl = (await leads("export")).stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(jsonl.map((record) => record.id)).toContain(leadId);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "qualbot-export-")), "leads.csv");
    const csv = await leads("export", "--format", "csv", "--out", file);
    expect(csv.stderr).toContain("exported 2 leads");
    const lines = readFileSync(file, "utf8").trim().split("\n");
    expect(lines[0]).toMatch(/^id,stage,qualified,score,grade,name,email/);
    expect(lines.find((line) => line.startsWith(leadId))).toContain(",allocated,50000,USD,year,");
  });

  it("explains bad usage", async () => {
    await expect(leads("export", "--format", "xml")).rejects.toThrow(/jsonl, csv or dataset/);
    await expect(leads()).rejects.toThrow(/Usage/);
  });
});
