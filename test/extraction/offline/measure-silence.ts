// Leak rate and recall of the offline extractor on the issue-3 measurement batch.
// `npx tsx test/extraction/offline/measure-silence.ts [--check] [--show tuning|check]`: counts for the
// tuning half (and the check half with `--check`); `--show` lists one half's leaks and misses.
import { emptyQualification, type Signal } from "../../../src/core/qualification.js";
import { readMessage } from "../../../src/extraction/offline/index.js";
import { NOW, QUESTIONS } from "./conversation-fixtures.js";
import {
  extraOffTopic,
  extraOnTopic,
  round3OffTopic,
  round3OnTopic,
  round4OffTopic,
} from "./silence-extra-tuning-batch.js";
import {
  type OffTopicRow,
  type OnTopicRow,
  offTopicCheck,
  offTopicTuning,
  onTopicCheck,
  onTopicTuning,
  statesFact,
} from "./silence-measurement-batch.js";
import { secondCheckOffTopic, secondCheckOnTopic } from "./silence-second-check-batch.js";

const scoredFields = new Set(["budget", "authority", "seniority", "need", "timeline", "disqualifier"]);

let crashes = 0;

function signalsOf(row: { text: string; asked?: OffTopicRow["asked"] }): Signal[] {
  try {
    return readSignals(row);
  } catch (error) {
    crashes++;
    process.stdout.write(`crash on ${JSON.stringify(row.text)}: ${String(error)}\n`);
    return [];
  }
}

function readSignals(row: { text: string; asked?: OffTopicRow["asked"] }): Signal[] {
  return readMessage({
    text: row.text,
    history: row.asked ? [{ role: "bot", text: QUESTIONS[row.asked] }] : [],
    now: NOW,
    state: emptyQualification(),
  }).signals;
}

function describe(signal: Signal): string {
  return `${signal.field}=${JSON.stringify(signal.value)} «${signal.evidence.join(" | ")}»`;
}

function measure(
  name: string,
  offTopic: readonly OffTopicRow[],
  onTopic: readonly OnTopicRow[],
  show: boolean,
) {
  let anyLeaks = 0;
  let scoredLeaks = 0;
  const leakLines: string[] = [];
  for (const row of offTopic) {
    const signals = signalsOf(row);
    const scored = signals.filter((signal) => scoredFields.has(signal.field));
    if (signals.length > 0) anyLeaks++;
    if (scored.length > 0) scoredLeaks++;
    if (signals.length > 0)
      leakLines.push(`  [${row.genre}] ${row.text}\n      ${signals.map(describe).join("\n      ")}`);
  }
  let recalled = 0;
  let fieldPresent = 0;
  const missLines: string[] = [];
  for (const row of onTopic) {
    const signals = signalsOf(row);
    const allMatched = row.facts.every((fact) => signals.some((signal) => statesFact(signal, fact)));
    const allPresent = row.facts.every((fact) => signals.some((signal) => signal.field === fact.field));
    if (allMatched) recalled++;
    if (allPresent) fieldPresent++;
    if (!allMatched)
      missLines.push(
        `  [${row.genre}] ${row.text}\n      want ${JSON.stringify(row.facts)}\n      got  ${signals.map(describe).join("; ") || "nothing"}`,
      );
  }
  const percent = (count: number, total: number) => `${((100 * count) / total).toFixed(1)} %`;
  process.stdout.write(
    `${name}: off-topic with any field ${anyLeaks}/${offTopic.length} (${percent(anyLeaks, offTopic.length)}), ` +
      `with a scored field ${scoredLeaks}/${offTopic.length} (${percent(scoredLeaks, offTopic.length)}); ` +
      `on-topic recalled ${recalled}/${onTopic.length} (${percent(recalled, onTopic.length)}), ` +
      `field present ${fieldPresent}/${onTopic.length}\n`,
  );
  if (show) process.stdout.write(`leaks:\n${leakLines.join("\n")}\nmisses:\n${missLines.join("\n")}\n`);
}

const showIndex = process.argv.indexOf("--show");
const shown = showIndex >= 0 ? process.argv[showIndex + 1] : undefined;
measure("tuning", offTopicTuning, onTopicTuning, shown === "tuning");
measure("extra ", extraOffTopic, extraOnTopic, shown === "extra");
measure("round3", round3OffTopic, round3OnTopic, shown === "round3");
measure("round4", round4OffTopic, [], shown === "round4");
// The check half is run only when asked (`--check`): before the first fix and after the last one.
if (process.argv.includes("--check") || shown === "check")
  measure("check ", offTopicCheck, onTopicCheck, shown === "check");
// The second check batch was written before the first check half's leaks were read: run once, last.
if (process.argv.includes("--second-check") || shown === "second-check")
  measure("check2", secondCheckOffTopic, secondCheckOnTopic, shown === "second-check");
if (crashes > 0) process.stdout.write(`${crashes} messages crashed the extractor (counted as silent)\n`);
