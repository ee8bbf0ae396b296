import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { buildLeadRecord, type LeadRecord } from "../core/lead-record.js";
import { emptyQualification } from "../core/qualification.js";
import { handleProspectMessage } from "../engine/handle-prospect-message.js";
import type { Qualbot } from "../main.js";
import { type CliIo, UsageError, writeLine } from "./io.js";

export const chatUsage = `Usage: qualbot chat [--json] [--now ISO-8601]

Talk to the bot as a prospect: one new conversation per run.
On a terminal it is interactive; otherwise it reads one prospect message per stdin line
and prints each bot reply on a line starting "bot: ".

  --json          print the final lead record as one JSON object on the last line
  --now ISO-8601  fix the conversation's "now" (for relative dates like "next quarter")`;

export interface ChatOptions {
  json: boolean;
  now?: Date;
}

export function parseChatArgs(argv: string[]): ChatOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: "boolean", default: false },
      now: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) throw new UsageError(chatUsage);
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (!/^\d{4}-\d{2}-\d{2}/.test(values.now) || Number.isNaN(now.getTime()))
      throw new UsageError(
        `--now must be an ISO-8601 date or date-time, e.g. 2026-11-23T10:00:00Z (got "${values.now}")`,
      );
  }
  return { json: values.json ?? false, now };
}

function emptyRecord(): LeadRecord {
  const at = new Date(0);
  return {
    ...buildLeadRecord({
      id: "",
      stage: "new",
      qualified: false,
      state: emptyQualification(),
      score: { total: 0, grade: "D", reasons: [] },
      handoff: null,
      usage: { turns: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 },
      createdAt: at,
      updatedAt: at,
    }),
    id: null as unknown as string,
  };
}

/** One-line form of a reply: a `bot: ` line must not be split by the bot's own newlines. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ");

export async function runChat(qualbot: Qualbot, options: ChatOptions, io: CliIo): Promise<number> {
  const conversationKey = randomUUID();
  let lead: LeadRecord | null = null;
  let turn = 0;

  const send = async (text: string) => {
    turn += 1;
    const outcome = await handleProspectMessage(qualbot.engine, {
      channel: "cli",
      conversationKey,
      channelMessageId: `${conversationKey}:${turn}`,
      text,
      author: "prospect",
      referenceNow: options.now,
    });
    lead = outcome.lead;
    return outcome.replies.map((reply) => reply.text);
  };

  const lines = createInterface({
    input: io.stdin,
    // On a terminal readline draws the prompt and echoes what is typed; piped, stdout is only replies.
    ...(io.isTTY ? { output: io.stdout, terminal: true } : { terminal: false }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  if (io.isTTY) {
    writeLine(io.stdout, "qualbot: you are the prospect. Type a message and press Enter; Ctrl+D to finish.");
    lines.setPrompt("you: ");
    lines.prompt();
  }
  for await (const line of lines) {
    if (line.trim() === "") {
      if (io.isTTY) lines.prompt();
      continue;
    }
    try {
      for (const reply of await send(line)) writeLine(io.stdout, `bot: ${oneLine(reply)}`);
    } catch (error) {
      // Stored before processing, so nothing is lost; tell the user something short and true.
      qualbot.logger.error({ code: (error as { code?: string }).code ?? "TURN_FAILED" }, "chat turn failed");
      writeLine(io.stdout, "bot: Sorry, something went wrong on my side. Could you say that again?");
    }
    if (io.isTTY) lines.prompt();
  }
  if (io.isTTY) writeLine(io.stdout);
  if (options.json) writeLine(io.stdout, JSON.stringify(lead ?? emptyRecord()));
  else if (io.isTTY && lead) {
    const record = lead as LeadRecord;
    writeLine(
      io.stdout,
      `lead ${record.id}: stage ${record.stage}, score ${record.score.total} (${record.score.grade})`,
    );
  }
  return 0;
}
