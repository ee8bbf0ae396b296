import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabaseUrl } from "../helpers/temp-database.js";

const root = path.resolve(import.meta.dirname, "../..");
const database = freshDatabaseUrl();
afterAll(() => database.cleanup());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI exactly as a user or outside check would: stdin piped, not a TTY. */
function qualbot(args: string[], stdin: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/qualbot.js"), ...args], {
      cwd: database.directory,
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: database.url, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const lastJson = (stdout: string) => JSON.parse(stdout.trimEnd().split("\n").at(-1)!);

describe("qualbot chat (piped)", () => {
  it("drives a conversation to a handoff and prints the lead record last", async () => {
    const conversation = [
      "Hi, I'm Dana Whitfield, VP of Sales at Acme Logistics, we're about 200 people.",
      "Our reps waste hours every week qualifying inbound leads by hand and we need to automate it.",
      "I sign off on tools like this.",
      "We have $50k a year set aside for it.",
      "We'd like to be live by the end of January.",
      "dana@acme-logistics.test",
    ];
    const run = await qualbot(
      ["chat", "--json", "--now", "2026-11-23T10:00:00Z"],
      `${conversation.join("\n")}\n`,
    );
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    const botLines = lines.filter((line) => line.startsWith("bot: "));
    expect(botLines).toHaveLength(conversation.length);
    expect(new Set(botLines).size).toBe(botLines.length);
    const record = lastJson(run.stdout);
    expect(record).toMatchObject({
      stage: "pending_handoff",
      qualified: true,
      qualification: {
        budget: { status: "allocated", amount: 50000, currency: "USD", period: "year" },
        authority: { status: "decision_maker" },
        seniority: "vp",
        need: { status: "explicit" },
        timeline: { status: "within_3_months" },
        disqualifiers: [],
        contact: { email: "dana@acme-logistics.test" },
      },
      handoff: { status: "pending" },
    });
    expect(record.score.reasons.length).toBeGreaterThanOrEqual(4);
    expect(typeof record.id).toBe("string");

    const shown = await qualbot(["leads", "show", record.id, "--json"], "");
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: record.id, stage: "pending_handoff" });
    const listed = await qualbot(["leads", "list"], "");
    expect(listed.stdout).toContain(record.id);
  });

  it("closes politely on a disqualifier", async () => {
    const run = await qualbot(["chat", "--json"], "Hi, are you hiring? I'd like to apply for a sales job.\n");
    expect(run.code).toBe(0);
    const record = lastJson(run.stdout);
    expect(record.stage).toBe("disqualified");
    expect(record.qualification.disqualifiers).toContain("job_seeker");
    expect(record.handoff).toBeNull();
  });

  it("skips blank lines, survives odd input, and stores it exactly", async () => {
    const odd = '\'); DROP TABLE "Lead"; -- <b>hi</b> 👋 مرحبا';
    const run = await qualbot(["chat", "--json"], `\n   \n${odd}\n`);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n").filter((line) => line.startsWith("bot: "))).toHaveLength(1);
    const record = lastJson(run.stdout);
    const exported = await qualbot(["leads", "show", record.id], "");
    expect(exported.stdout).toContain(odd);
  });

  it("prints an empty record when no message was sent", async () => {
    const run = await qualbot(["chat", "--json"], "");
    expect(run.code).toBe(0);
    expect(lastJson(run.stdout)).toMatchObject({ id: null, stage: "new", qualified: false, handoff: null });
  });

  it("rejects a bad --now and bad configuration with a clear message", async () => {
    const badNow = await qualbot(["chat", "--now", "next tuesday"], "");
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain("--now must be an ISO-8601");
    const badConfig = await qualbot(["chat"], "", { PORT: "not-a-port" });
    expect(badConfig.code).not.toBe(0);
    expect(badConfig.stderr).toMatch(/PORT: /);
  });
});
