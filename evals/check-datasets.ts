// Validates the labelled eval datasets (DESIGN §3) and the simulation personas, then prints how
// many cases carry each label value. Run: npx tsx evals/check-datasets.ts [file.jsonl ...]
// Exit code 1 when any line is invalid, so it can gate CI.
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import {
  AuthorityStatus,
  BudgetStatus,
  Disqualifier,
  NeedStatus,
  Seniority,
  TimelineStatus,
} from "../src/core/qualification.js";
import { Slot } from "../src/core/scorecard.js";
import { ExpectedState } from "../src/evals/expected.js";

/** Free-form labels for slicing results; the eval runner ignores them. */
export const CaseTag = z.enum(["hard_negative", "injection", "non_english", "combined", "correction"]);

// The eval loader's schema, plus the labelling rules a dataset author must follow.
const Budget = ExpectedState.shape.budget
  .unwrap()
  .refine((budget) => budget.amount === undefined || ["exploring", "allocated"].includes(budget.status), {
    message: "an amount only goes with status exploring or allocated",
  })
  .refine(
    (budget) => budget.amount !== undefined || (budget.currency === undefined && budget.period === undefined),
    {
      message: "currency and period only go with an amount (they are scored as part of it)",
    },
  );

export const Expected = ExpectedState.extend({
  budget: Budget.optional(),
  need: z.strictObject({ status: NeedStatus, pains: z.array(z.string().min(1)).optional() }).optional(),
});
export type Expected = z.infer<typeof Expected>;

const Message = z.strictObject({
  role: z.enum(["prospect", "bot"]),
  text: z.string().trim().min(1),
  expected: Expected.optional(),
});

const annotations = {
  tags: z.array(CaseTag).optional(),
  /** Why a label is what it is (date arithmetic, judgement calls); for reviewers only. */
  notes: z.string().min(1).optional(),
};

export const EvalCase = z.strictObject({
  id: z.string().min(1),
  now: z.iso.datetime({ offset: true }).optional(),
  messages: z
    .array(Message)
    .min(1)
    .refine(
      (messages) => messages.some((message) => message.role === "prospect"),
      "needs a prospect message",
    ),
  expected: Expected,
  ...annotations,
});
export type EvalCase = z.infer<typeof EvalCase>;

export const Persona = z.strictObject({
  id: z.string().min(1),
  now: z.iso.datetime({ offset: true }).optional(),
  opening: z.string().trim().min(1),
  facts: z.partialRecord(Slot, z.string().trim().min(1)),
  expected: Expected,
  ...annotations,
});
export type Persona = z.infer<typeof Persona>;

const qualifyingTimelines: ReadonlySet<string> = new Set([
  "within_1_month",
  "within_3_months",
  "within_6_months",
]);

/**
 * The DESIGN §2 default rule applied to a partial gold state: true or false when the present
 * labels decide it whatever the absent ones are, undefined when an absent label could tip it.
 */
export function qualifiedByRule(expected: Expected): boolean | undefined {
  if (expected.disqualifiers && expected.disqualifiers.length > 0) return false;
  if (expected.need && expected.need.status !== "explicit") return false;
  const criteria = [
    expected.budget && ["exploring", "allocated"].includes(expected.budget.status),
    expected.authority && ["decision_maker", "influencer"].includes(expected.authority.status),
    expected.timeline && qualifyingTimelines.has(expected.timeline.status),
  ];
  const met = criteria.filter((value) => value === true).length;
  const open = criteria.filter((value) => value === undefined).length;
  if (met + open < 2) return false;
  if (expected.disqualifiers && expected.need && met >= 2) return true;
  return undefined;
}

/** Problems a schema cannot see: rule consistency and dates that need a "now". */
export function labelProblems(expected: Expected, now: string | undefined): string[] {
  const problems: string[] = [];
  const byRule = qualifiedByRule(expected);
  if (expected.qualified !== undefined && byRule !== undefined && byRule !== expected.qualified)
    problems.push(
      `qualified is ${expected.qualified} but the labels give ${byRule} under the DESIGN §2 rule`,
    );
  const complete = ["need", "budget", "authority", "timeline", "disqualifiers"].every(
    (key) => key in expected,
  );
  if (complete && expected.qualified === undefined)
    problems.push("qualified is missing although every rule input is labelled");
  const timeline = expected.timeline?.status;
  if (timeline && timeline !== "unknown" && timeline !== "none" && now === undefined)
    problems.push(`timeline ${timeline} is relative to "now": set now`);
  return problems;
}

interface Problem {
  line: number;
  reason: string;
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join(".") || "(line)"}: ${issue.message}`)
    .join("; ");
}

interface Parsed<T> {
  items: T[];
  problems: Problem[];
}

function parseFile<T extends { id: string; now?: string | undefined; expected: Expected }>(
  text: string,
  schema: z.ZodType<T>,
  idPattern: RegExp,
): Parsed<T> {
  const items: T[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    if (raw.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      problems.push({ line, reason: `invalid JSON: ${(error as Error).message}` });
      continue;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      problems.push({ line, reason: describe(parsed.error) });
      continue;
    }
    const item = parsed.data;
    if (!idPattern.test(item.id))
      problems.push({ line, reason: `id "${item.id}" does not match ${idPattern}` });
    const first = seen.get(item.id);
    if (first !== undefined)
      problems.push({ line, reason: `duplicate id "${item.id}" (first on line ${first})` });
    seen.set(item.id, line);
    for (const reason of labelProblems(item.expected, item.now))
      problems.push({ line, reason: `${item.id}: ${reason}` });
    items.push(item);
  }
  return { items, problems };
}

type Counter = Map<string, number>;

function bump(counter: Counter, key: string): void {
  counter.set(key, (counter.get(key) ?? 0) + 1);
}

/** How many cases carry each label value ("(not scored)" = key absent from expected). */
export function labelCounts(expectations: readonly Expected[]): Record<string, Counter> {
  const counts: Record<string, Counter> = {
    "budget.status": new Map(),
    "budget.amount": new Map(),
    "budget.currency": new Map(),
    "budget.period": new Map(),
    "authority.status": new Map(),
    seniority: new Map(),
    "need.status": new Map(),
    "timeline.status": new Map(),
    disqualifiers: new Map(),
    qualified: new Map(),
  };
  const notScored = "(not scored)";
  const add = (field: string, value: string) => bump(counts[field] as Counter, value);
  for (const expected of expectations) {
    add("budget.status", expected.budget?.status ?? notScored);
    if (expected.budget) {
      add("budget.amount", expected.budget.amount === undefined ? "no amount" : "amount stated");
      if (expected.budget.amount !== undefined) {
        add("budget.currency", expected.budget.currency ?? "(none stated)");
        add("budget.period", expected.budget.period ?? "(none stated)");
      }
    }
    add("authority.status", expected.authority?.status ?? notScored);
    add("seniority", expected.seniority ?? notScored);
    add("need.status", expected.need?.status ?? notScored);
    add("timeline.status", expected.timeline?.status ?? notScored);
    if (!expected.disqualifiers) add("disqualifiers", notScored);
    else if (expected.disqualifiers.length === 0) add("disqualifiers", "(none)");
    else for (const label of expected.disqualifiers) add("disqualifiers", label);
    add("qualified", expected.qualified === undefined ? notScored : String(expected.qualified));
  }
  return counts;
}

const valueOrder: readonly string[] = [
  ...BudgetStatus.options,
  ...AuthorityStatus.options,
  ...Seniority.options,
  ...NeedStatus.options,
  ...TimelineStatus.options,
  ...Disqualifier.options,
];

function formatCounts(counts: Record<string, Counter>): string {
  const rank = (value: string) => {
    const index = valueOrder.indexOf(value);
    return index === -1 ? valueOrder.length : index;
  };
  return Object.entries(counts)
    .filter(([, counter]) => counter.size > 0)
    .map(([field, counter]) => {
      const values = [...counter.entries()]
        .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
        .map(([value, count]) => `${value} ${count}`)
        .join(", ");
      return `  ${field.padEnd(17)} ${values}`;
    })
    .join("\n");
}

interface FileReport {
  path: string;
  problems: Problem[];
  summary: string;
  prospectTexts: Set<string>;
}

function checkCases(path: string, text: string, idPattern: RegExp): FileReport {
  const { items, problems } = parseFile(text, EvalCase, idPattern);
  const multiTurn = items.filter((item) => item.messages.length > 1).length;
  const tags = new Map<string, number>();
  for (const item of items) for (const tag of item.tags ?? []) bump(tags, tag);
  const tagText = [...tags.entries()].map(([tag, count]) => `${tag} ${count}`).join(", ") || "none";
  const summary = [
    `${items.length} cases (${items.length - multiTurn} single message, ${multiTurn} multi-turn); tags: ${tagText}`,
    formatCounts(labelCounts(items.map((item) => item.expected))),
  ].join("\n");
  const prospectTexts = new Set(
    items.flatMap((item) =>
      item.messages.filter((message) => message.role === "prospect").map((message) => message.text),
    ),
  );
  return { path, problems, summary, prospectTexts };
}

function checkPersonas(path: string, text: string): FileReport {
  const { items, problems } = parseFile(text, Persona, /^persona-\d{3}$/);
  const facts = new Map<string, number>();
  for (const item of items) for (const slot of Object.keys(item.facts)) bump(facts, slot);
  const factText = Slot.options.map((slot) => `${slot} ${facts.get(slot) ?? 0}`).join(", ");
  const summary = [
    `${items.length} personas; facts per slot: ${factText}`,
    formatCounts(labelCounts(items.map((item) => item.expected))),
  ].join("\n");
  return { path, problems, summary, prospectTexts: new Set(items.map((item) => item.opening)) };
}

/** dev.jsonl → dev-001, dev-4.jsonl → dev4-001, holdout-2.jsonl → ho2-001. */
function idPatternFor(path: string): RegExp {
  const numbered = /^(dev|holdout)(?:-(\d+))?\.jsonl$/.exec(basename(path));
  if (!numbered) return /^[a-z0-9]+(-[a-z0-9]+)*$/;
  const prefix = numbered[1] === "dev" ? "dev" : "ho";
  return new RegExp(`^${prefix}${numbered[2] ?? ""}-\\d{3}$`);
}

function main(argv: readonly string[]): number {
  const datasets = join(dirname(fileURLToPath(import.meta.url)), "datasets");
  const paths =
    argv.length > 0
      ? argv
      : readdirSync(datasets)
          .filter((name) => name.endsWith(".jsonl"))
          .sort()
          .map((name) => join(datasets, name));
  const reports: FileReport[] = [];
  let failed = false;
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
    } catch (error) {
      console.error(
        `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
      failed = true;
      continue;
    }
    const report = basename(path).startsWith("personas")
      ? checkPersonas(path, text)
      : checkCases(path, text, idPatternFor(path));
    reports.push(report);
    console.log(`\n${path}\n${report.summary}`);
    for (const problem of report.problems) console.error(`  ✗ line ${problem.line}: ${problem.reason}`);
    if (report.problems.length > 0) failed = true;
  }
  // A holdout only measures generalisation if none of its prospect text was seen while tuning.
  const tuned = new Set(
    reports
      .filter((report) => basename(report.path).startsWith("dev"))
      .flatMap((report) => [...report.prospectTexts]),
  );
  for (const holdout of reports.filter((report) => basename(report.path).startsWith("holdout"))) {
    const shared = [...holdout.prospectTexts].filter((text) => tuned.has(text));
    for (const text of shared)
      console.error(`  ✗ ${basename(holdout.path)} repeats a dev prospect message: ${JSON.stringify(text)}`);
    if (shared.length > 0) failed = true;
  }
  console.log(failed ? "\nFAILED" : "\nOK");
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));
