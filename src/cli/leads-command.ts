import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import { exportCorrectionsAsDataset } from "../channels/slack/correction-dataset.js";
import type { LeadRecord } from "../core/lead-record.js";
import type { Qualbot } from "../main.js";
import {
  allLeadRecords,
  findLeadId,
  getLeadDetail,
  type LeadDetail,
  listLeads,
} from "../store/lead-queries.js";
import { type CliIo, UsageError, writeLine } from "./io.js";

export const leadsUsage = `Usage:
  qualbot leads list [--stage STAGE] [--limit N] [--json]
  qualbot leads show ID [--json]          (ID may be a unique prefix)
  qualbot leads export [--format jsonl|csv|dataset] [--out FILE]
      dataset: reps' corrections from Slack as eval cases (DESIGN §3 JSONL)`;

const pad = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

function formatValue(record: LeadRecord): string[] {
  const q = record.qualification;
  const budget =
    q.budget.status === "unknown"
      ? "unknown"
      : [
          q.budget.status,
          q.budget.amount !== undefined
            ? `${q.budget.amount.toLocaleString("en-US")} ${q.budget.currency ?? ""}`.trim()
            : "",
          q.budget.period ?? "",
        ]
          .filter(Boolean)
          .join(", ");
  const quotes = (field: string) => {
    const entry = record.evidence.find((item) => item.field === field);
    return entry
      ? `  ← "${entry.quotes.join('" … "')}" (${entry.extractor}, ${entry.confidence.toFixed(2)})`
      : "";
  };
  return [
    `  budget     ${budget}${quotes("budget")}`,
    `  authority  ${q.authority.status}${quotes("authority")}`,
    `  seniority  ${q.seniority}${quotes("seniority")}`,
    `  need       ${q.need.status}${q.need.pains?.length ? ` (${q.need.pains.join("; ")})` : ""}${quotes("need")}`,
    `  timeline   ${q.timeline.status}${quotes("timeline")}`,
    `  disqualifiers ${q.disqualifiers.length ? q.disqualifiers.join(", ") : "none"}`,
  ];
}

function printDetail(io: CliIo, detail: LeadDetail): void {
  const { record } = detail;
  const q = record.qualification;
  const out = (line = "") => writeLine(io.stdout, line);
  out(`Lead ${record.id}  (${detail.channel ?? "unknown channel"})`);
  out(
    `Stage ${record.stage} · qualified ${record.qualified ? "yes" : "no"} · score ${record.score.total} grade ${record.score.grade}`,
  );
  const contact = [
    q.contact.name,
    q.contact.title,
    q.contact.email,
    q.company.name,
    q.company.size ? `${q.company.size} employees` : undefined,
  ]
    .filter(Boolean)
    .join(" · ");
  if (contact) out(`Contact ${contact}`);
  out();
  out("Qualification");
  for (const line of formatValue(record)) out(line);
  out();
  out("Score");
  for (const reason of record.score.reasons)
    out(`  ${reason.points >= 0 ? "+" : ""}${reason.points}  ${reason.rule}: ${reason.why}`);
  if (record.score.reasons.length === 0) out("  (no rules fired yet)");
  out();
  out(
    record.handoff
      ? `Handoff ${record.handoff.status}${record.handoff.assignee ? ` · assignee ${record.handoff.assignee}` : ""}${record.handoff.decidedBy ? ` · by ${record.handoff.decidedBy} at ${record.handoff.decidedAt}` : ""}${record.handoff.reason ? ` · reason: ${record.handoff.reason}` : ""}`
      : "Handoff none",
  );
  const usage = record.usage;
  out(
    `Usage ${usage.turns} turns · ${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens · $${usage.costUsd.toFixed(4)}`,
  );
  const llmRuns = detail.extractionRuns.filter((run) => run.promptTokens > 0 || run.outcome !== "ok");
  for (const run of llmRuns)
    out(
      `  message ${run.messageId}: ${run.extractor}${run.model ? ` ${run.model}` : ""} ${run.outcome} · ${run.promptTokens}+${run.completionTokens} tokens · $${run.costUsd.toFixed(4)} · ${run.latencyMs} ms${run.droppedValues ? ` · ${run.droppedValues} values dropped` : ""}`,
    );
  out();
  out("Conversation");
  for (const message of detail.transcript)
    out(`  ${pad(message.role, 8)} ${message.text.replace(/\s*\n\s*/g, " ")}`);
}

function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvColumns: [string, (record: LeadRecord) => unknown][] = [
  ["id", (r) => r.id],
  ["stage", (r) => r.stage],
  ["qualified", (r) => r.qualified],
  ["score", (r) => r.score.total],
  ["grade", (r) => r.score.grade],
  ["name", (r) => r.qualification.contact.name],
  ["email", (r) => r.qualification.contact.email],
  ["title", (r) => r.qualification.contact.title],
  ["company", (r) => r.qualification.company.name],
  ["company_size", (r) => r.qualification.company.size],
  ["budget_status", (r) => r.qualification.budget.status],
  ["budget_amount", (r) => r.qualification.budget.amount],
  ["budget_currency", (r) => r.qualification.budget.currency],
  ["budget_period", (r) => r.qualification.budget.period],
  ["authority", (r) => r.qualification.authority.status],
  ["seniority", (r) => r.qualification.seniority],
  ["need", (r) => r.qualification.need.status],
  ["timeline", (r) => r.qualification.timeline.status],
  ["disqualifiers", (r) => r.qualification.disqualifiers.join(" ")],
  ["handoff_status", (r) => r.handoff?.status],
  ["created_at", (r) => r.createdAt],
  ["updated_at", (r) => r.updatedAt],
];

export async function runLeads(qualbot: Qualbot, argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: "boolean", default: false },
      stage: { type: "string" },
      limit: { type: "string", default: "50" },
      format: { type: "string", default: "jsonl" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
  const [action, id] = positionals;
  if (values.help || !action) throw new UsageError(leadsUsage);

  if (action === "list") {
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError("--limit must be a positive whole number");
    const leads = await listLeads(qualbot.db, { stage: values.stage, limit });
    if (values.json) {
      for (const lead of leads) writeLine(io.stdout, JSON.stringify(lead));
      return 0;
    }
    if (leads.length === 0) {
      writeLine(io.stdout, "No leads yet. Try `qualbot chat` to create one.");
      return 0;
    }
    writeLine(
      io.stdout,
      `${pad("ID", 36)} ${pad("STAGE", 16)} ${pad("SCORE", 7)} ${pad("CHANNEL", 8)} ${pad("WHO", 36)} UPDATED`,
    );
    for (const lead of leads) {
      const who = [lead.displayName, lead.company, lead.email].filter(Boolean).join(" · ") || "—";
      writeLine(
        io.stdout,
        `${pad(lead.id, 36)} ${pad(lead.stage, 16)} ${pad(`${lead.scoreTotal} ${lead.grade}`, 7)} ${pad(lead.channel ?? "", 8)} ${pad(who, 36)} ${lead.updatedAt.toISOString()}`,
      );
    }
    return 0;
  }

  if (action === "show") {
    if (!id) throw new UsageError("leads show needs a lead ID (see `qualbot leads list`)");
    const found = await findLeadId(qualbot.db, id);
    if (!found.ok) {
      writeLine(io.stderr, found.error);
      return 1;
    }
    const detail = (await getLeadDetail(qualbot.db, found.value))!;
    if (values.json) writeLine(io.stdout, JSON.stringify(detail.record));
    else printDetail(io, detail);
    return 0;
  }

  if (action === "export") {
    const format = values.format ?? "jsonl";
    if (!["jsonl", "csv", "dataset"].includes(format))
      throw new UsageError("--format must be jsonl, csv or dataset");
    const target = values.out ? createWriteStream(values.out) : io.stdout;
    let count = 0;
    if (format === "dataset") {
      for (const line of await exportCorrectionsAsDataset(qualbot.db)) {
        writeLine(target, line);
        count += 1;
      }
    } else {
      if (format === "csv") writeLine(target, csvColumns.map(([name]) => name).join(","));
      for await (const record of allLeadRecords(qualbot.db)) {
        writeLine(
          target,
          format === "csv"
            ? csvColumns.map(([, get]) => csvCell(get(record))).join(",")
            : JSON.stringify(record),
        );
        count += 1;
      }
    }
    if (values.out) {
      await new Promise<void>((resolve, reject) => {
        (target as NodeJS.WritableStream).on("error", reject);
        (target as NodeJS.WritableStream).end(() => resolve());
      });
      writeLine(
        io.stderr,
        `exported ${count} ${format === "dataset" ? "corrected cases" : "leads"} to ${values.out}`,
      );
    }
    return 0;
  }
  throw new UsageError(`unknown leads action "${action}"\n${leadsUsage}`);
}
