import type { types } from "@slack/bolt";
import type { LeadRecord } from "../../core/lead-record.js";
import type { StoredCorrection } from "../../engine/handoff-decisions.js";
import type { StoredHandoff } from "../../engine/ports.js";

export const handoffActionIds = {
  approve: "handoff_approve",
  reject: "handoff_reject",
  reassign: "handoff_reassign",
  edit: "handoff_edit",
  handBack: "handoff_hand_back",
} as const;

/** Everything the card shows; loaded by `loadHandoffCard`, rendered here without I/O. */
export interface HandoffCardModel {
  handoff: StoredHandoff;
  lead: LeadRecord;
  prospect: {
    /** Their Slack user id, when they wrote on Slack. */
    slackUser?: string;
    /** "Slack DM", "Slack thread in <#C1>", "Web chat", … */
    where: string;
    permalink?: string | null;
  };
  recentMessages: string[];
  turns: number;
  correction: StoredCorrection | null;
  /** The rep who currently talks to the prospect (after approval), if any. */
  owner: string | null;
}

export interface HandoffRef {
  handoffId: string;
  version: number;
}

const blockIdPrefix = "handoff:";

/** The actions block id carries the handoff and the version the rep saw (for compare-and-set). */
export function handoffBlockId(ref: HandoffRef): string {
  return `${blockIdPrefix}${ref.handoffId}:${ref.version}`;
}

export function parseHandoffBlockId(blockId: string): HandoffRef | null {
  const match = /^handoff:([A-Za-z0-9_-]+):(\d+)$/.exec(blockId);
  return match ? { handoffId: match[1]!, version: Number(match[2]) } : null;
}

const words = (value: string) => value.replaceAll("_", " ");

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One line, at most `max` characters (quotes and names). */
function clip(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, " ").trim(), max);
}

/** Slack's escaping for text inside mrkdwn (so a prospect cannot inject mentions or links). */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

export function slackDate(iso: string | Date | null | undefined): string {
  if (!iso) return "";
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return `<!date^${Math.floor(date.getTime() / 1000)}^{date_short_pretty} at {time}|${date.toISOString()}>`;
}

export function mention(id: string): string {
  if (/^[CG]/.test(id)) return `<#${id}>`;
  if (id.startsWith("S")) return `<!subteam^${id}>`;
  return `<@${id}>`;
}

function budgetText(budget: LeadRecord["qualification"]["budget"]): string {
  const parts = [words(budget.status)];
  if (budget.amount !== undefined)
    parts.push(
      `${budget.amount.toLocaleString("en-US")}${budget.currency ? ` ${budget.currency}` : ""}${budget.period && budget.period !== "one_time" ? ` / ${budget.period}` : budget.period === "one_time" ? " one-time" : ""}`,
    );
  return parts.join(" · ");
}

function valueLines(lead: LeadRecord): { label: string; field: string; value: string }[] {
  const { qualification: view } = lead;
  const need = view.need.pains?.length
    ? `${words(view.need.status)} — ${view.need.pains.join("; ")}`
    : words(view.need.status);
  return [
    { label: "Budget", field: "budget", value: budgetText(view.budget) },
    { label: "Authority", field: "authority", value: words(view.authority.status) },
    { label: "Need", field: "need", value: need },
    { label: "Timeline", field: "timeline", value: words(view.timeline.status) },
    { label: "Seniority", field: "seniority", value: words(view.seniority) },
  ];
}

function evidenceText(lead: LeadRecord, field: string): string {
  const quotes = lead.evidence.find((entry) => entry.field === field)?.quotes ?? [];
  return quotes
    .slice(0, 2)
    .map((quote) => `\n> “${escapeMrkdwn(clip(quote, 180))}”`)
    .join("");
}

function whoText(model: HandoffCardModel): string {
  const { contact, company } = model.lead.qualification;
  const name = contact.name ? escapeMrkdwn(contact.name) : "Name not given";
  const details = [
    contact.title && escapeMrkdwn(contact.title),
    company.name && escapeMrkdwn(company.name),
    company.size && `${company.size.toLocaleString("en-US")} employees`,
    company.industry && escapeMrkdwn(company.industry),
    company.region && escapeMrkdwn(company.region),
  ].filter(Boolean);
  const lines = [`*${name}*${details.length ? ` · ${details.join(" · ")}` : ""}`];
  const reach = [
    model.prospect.slackUser && `<@${model.prospect.slackUser}>`,
    contact.email && escapeMrkdwn(contact.email),
    model.prospect.where,
  ].filter(Boolean);
  lines.push(reach.join(" · "));
  return lines.join("\n");
}

function statusText(model: HandoffCardModel): string {
  const { handoff } = model;
  switch (handoff.status) {
    case "pending":
      return "⏳ Waiting for a rep's decision";
    case "reassigned":
      return `↪️ Reassigned to ${mention(handoff.assignee ?? "")} by ${mention(handoff.decidedBy ?? "")} ${slackDate(handoff.decidedAt)} — waiting for their decision`;
    case "approved":
      return `✅ Approved by ${mention(handoff.decidedBy ?? "")} ${slackDate(handoff.decidedAt)}${
        model.owner
          ? ` · ${mention(model.owner)} is talking to the prospect: replies in this thread reach them (type \`handback\` to return them to the bot)`
          : " · the bot is answering the prospect again"
      }`;
    case "rejected":
      return `❌ Rejected by ${mention(handoff.decidedBy ?? "")} ${slackDate(handoff.decidedAt)}${
        handoff.reason ? `: ${escapeMrkdwn(clip(handoff.reason, 500))}` : ""
      }`;
  }
}

function correctionText(correction: StoredCorrection): string {
  const after = correction.after;
  const changed = correction.changed.length
    ? correction.changed
        .map((field) => {
          const value = after[field as keyof typeof after];
          const shown =
            field === "budget"
              ? budgetText(after.budget)
              : typeof value === "object" && value !== null && "status" in value
                ? words(String(value.status))
                : Array.isArray(value)
                  ? value.map(String).map(words).join(", ") || "none"
                  : words(String(value));
          return `${words(field)} → ${shown}`;
        })
        .join(", ")
    : "confirmed as extracted";
  return `✏️ Corrected by ${mention(correction.by)} ${slackDate(correction.at)}: ${changed}`;
}

function openActions(model: HandoffCardModel): types.ActionsBlock {
  const ref = { handoffId: model.handoff.id, version: model.handoff.version };
  const value = model.handoff.id;
  return {
    type: "actions",
    block_id: handoffBlockId(ref),
    elements: [
      {
        type: "button",
        action_id: handoffActionIds.approve,
        style: "primary",
        value,
        text: { type: "plain_text", text: "Approve" },
      },
      {
        type: "button",
        action_id: handoffActionIds.reject,
        style: "danger",
        value,
        text: { type: "plain_text", text: "Reject" },
      },
      {
        type: "users_select",
        action_id: handoffActionIds.reassign,
        placeholder: { type: "plain_text", text: "Reassign to…" },
      },
      {
        type: "button",
        action_id: handoffActionIds.edit,
        value,
        text: { type: "plain_text", text: "Edit fields" },
      },
    ],
  };
}

/** The Block Kit card for a handoff, in whatever state it is in. */
export function renderHandoffCard(model: HandoffCardModel): { text: string; blocks: types.KnownBlock[] } {
  const { lead, handoff } = model;
  const who = lead.qualification.contact.name ?? lead.qualification.company.name ?? "a prospect";
  const title = lead.qualified ? "Qualified lead" : "Prospect asks for a human";
  const scoreLine = `*Score ${lead.score.total}* (grade ${lead.score.grade}) · stage ${words(lead.stage)}`;
  const reasons = lead.score.reasons.length
    ? lead.score.reasons
        .map((reason) => `• +${reason.points} ${escapeMrkdwn(reason.why)} \`${reason.rule}\``)
        .join("\n")
    : "• no scoring rule fired yet";
  const values = valueLines(lead)
    .map((line) => `*${line.label}:* ${escapeMrkdwn(line.value)}${evidenceText(lead, line.field)}`)
    .join("\n");
  const disqualifiers = lead.qualification.disqualifiers.length
    ? `\n*Disqualifiers:* ${lead.qualification.disqualifiers.map(words).join(", ")}${lead.qualification.disqualifiers
        .map((label) => evidenceText(lead, `disqualifiers.${label}`))
        .join("")}`
    : "";
  const recent = model.recentMessages.length
    ? model.recentMessages.map((text) => `> ${escapeMrkdwn(clip(text, 200))}`).join("\n")
    : "> (no messages)";
  const link = model.prospect.permalink ? ` · <${model.prospect.permalink}|open the conversation>` : "";

  const blocks: types.KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: clip(`${title}: ${who}`, 150), emoji: true } },
    { type: "section", text: { type: "mrkdwn", text: truncate(whoText(model), 3000) } },
    { type: "section", text: { type: "mrkdwn", text: truncate(`${scoreLine}\n${reasons}`, 3000) } },
    { type: "section", text: { type: "mrkdwn", text: truncate(`${values}${disqualifiers}`, 3000) } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: truncate(
          `*Conversation* (${model.turns} prospect message${model.turns === 1 ? "" : "s"}${link})\n${recent}`,
          3000,
        ),
      },
    },
  ];
  if (model.correction)
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: clip(correctionText(model.correction), 3000) }],
    });
  blocks.push({ type: "divider" });
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: clip(statusText(model), 3000) }] });
  if (handoff.status === "pending" || handoff.status === "reassigned") blocks.push(openActions(model));
  if (handoff.status === "approved" && model.owner)
    blocks.push({
      type: "actions",
      block_id: handoffBlockId({ handoffId: handoff.id, version: handoff.version }),
      elements: [
        {
          type: "button",
          action_id: handoffActionIds.handBack,
          value: handoff.id,
          text: { type: "plain_text", text: "Hand back to bot" },
        },
      ],
    });
  return {
    text: `${title}: ${who} — score ${lead.score.total} (${lead.score.grade}) · ${words(handoff.status)}`,
    blocks,
  };
}
