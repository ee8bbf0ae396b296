import type { EvalReport } from "./report.js";
import { slotValues, wrongSlots } from "./slot-values.js";

// XML 1.0 forbids most control characters even when escaped: drop them.
const escapeXml = (text: string) =>
  text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(3);

interface TestCase {
  name: string;
  timeMs: number;
  failures: string[];
  errors: string[];
}

function suite(name: string, cases: TestCase[]): string {
  const failures = cases.filter((entry) => entry.failures.length > 0 && entry.errors.length === 0).length;
  const errors = cases.filter((entry) => entry.errors.length > 0).length;
  const time = cases.reduce((sum, entry) => sum + entry.timeMs, 0);
  const body = cases.map((entry) => {
    const open = `    <testcase classname="${escapeXml(name)}" name="${escapeXml(entry.name)}" time="${seconds(entry.timeMs)}"`;
    if (entry.errors.length > 0)
      return `${open}>\n      <error message="${escapeXml(entry.errors[0]!)}" type="extraction_error">${escapeXml([...entry.errors, ...entry.failures].join("\n"))}</error>\n    </testcase>`;
    if (entry.failures.length > 0)
      return `${open}>\n      <failure message="${escapeXml(`${entry.failures.length} scored field(s) wrong`)}" type="eval_mismatch">${escapeXml(entry.failures.join("\n"))}</failure>\n    </testcase>`;
    return `${open}/>`;
  });
  return [
    `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(time)}">`,
    ...body,
    "  </testsuite>",
  ].join("\n");
}

/** JUnit XML for CI: one testcase per case run (and per simulated persona); any wrong scored slot fails it. */
export function renderJunit(report: EvalReport): string {
  const suites: string[] = [];
  if (report.metadata.dataset) {
    const cases = report.cases.map((entry) => ({
      name: report.repeat.k > 1 ? `${entry.id} #${entry.trial}` : entry.id,
      timeMs: entry.latencyMs,
      failures: wrongSlots(entry.outcomes).map((slot) => {
        const values = slotValues(slot, entry.expected, entry.predicted);
        return `${slot}: expected ${values.expected}, predicted ${values.predicted} (${entry.outcomes[slot]})`;
      }),
      errors: entry.errors,
    }));
    suites.push(suite(`qualbot eval ${report.metadata.dataset.path}`, cases));
  }
  if (report.simulation) {
    const cases = report.simulation.conversations.map((conversation) => ({
      name: conversation.id,
      timeMs: 0,
      failures: wrongSlots(conversation.outcomes).map((slot) => `${slot}: ${conversation.outcomes[slot]}`),
      errors: conversation.error ? [conversation.error] : [],
    }));
    suites.push(suite(`qualbot simulate ${report.metadata.personas?.path ?? ""}`.trim(), cases));
  }
  const tests = report.cases.length + (report.simulation?.conversations.length ?? 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="qualbot eval" tests="${tests}">\n${suites.join("\n")}\n</testsuites>\n`;
}
