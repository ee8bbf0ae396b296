import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runEvalCommand } from "../../src/evals/eval-command.js";

// The committed baselines gate CI: a change to the offline extractor, the scorecard or the
// merge rules that makes qualification worse on our labelled data fails here, with the deltas.

const root = path.resolve(import.meta.dirname, "../..");

async function evalAgainstBaseline(dataset: string, baseline: string) {
  let output = "";
  const stream = new PassThrough();
  stream.on("data", (chunk) => (output += chunk));
  const code = await runEvalCommand(
    [
      "--dataset",
      path.join(root, dataset),
      "--extractor",
      "offline",
      "--baseline",
      path.join(root, baseline),
      "--format",
      "json",
    ],
    { stdout: new PassThrough(), stderr: stream, isTTY: false, env: {} },
  );
  return { code, output };
}

describe("offline extractor against the committed baselines", () => {
  it.each([
    ["evals/datasets/dev.jsonl", "evals/baselines/offline-dev.json"],
    ["evals/datasets/dev-2.jsonl", "evals/baselines/offline-dev-2.json"],
    ["evals/datasets/dev-3.jsonl", "evals/baselines/offline-dev-3.json"],
    ["evals/datasets/dev-4.jsonl", "evals/baselines/offline-dev-4.json"],
    ["evals/datasets/dev-5.jsonl", "evals/baselines/offline-dev-5.json"],
    ["evals/datasets/dev-6.jsonl", "evals/baselines/offline-dev-6.json"],
    ["evals/datasets/dev-7.jsonl", "evals/baselines/offline-dev-7.json"],
    ["evals/datasets/holdout.jsonl", "evals/baselines/offline-holdout.json"],
    ["evals/datasets/holdout-2.jsonl", "evals/baselines/offline-holdout-2.json"],
    ["evals/datasets/holdout-3.jsonl", "evals/baselines/offline-holdout-3.json"],
  ])("%s does not regress beyond tolerance", async (dataset, baseline) => {
    const { code, output } = await evalAgainstBaseline(dataset, baseline);
    expect(code, output).toBe(0);
  });
});
