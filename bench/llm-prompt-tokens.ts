// Prompt tokens per turn of the LLM extractor, at turns 2, 10 and 20 of a 20-turn conversation,
// against the fake OpenAI server (no network, no key). Run: npx tsx bench/llm-prompt-tokens.ts
//
// Tokens are counted by the fake with js-tiktoken's o200k_base (the gpt-4o family's encoding):
// messages with OpenAI's per-message overhead, plus the serialised response_format schema, which
// OpenAI also bills as prompt. The "unbounded" row shows what the same conversation would cost if
// the extractor passed the whole transcript instead of its window.
import { createLlmExtractor } from "../src/llm/llm-extractor.js";
import { createOpenAiClient } from "../src/llm/openai-client.js";
import { costOf, defaultPricing } from "../src/llm/pricing.js";
import { loadTurnPrompts } from "../src/llm/prompts.js";
import { startFakeOpenAiServer } from "../test/fakes/openai-server.js";
import { playConversation } from "../test/llm/long-conversation.js";

const model = "gpt-4o-mini";
const turnsReported = [2, 10, 20];

async function measure(limits: Parameters<typeof createLlmExtractor>[0]["limits"]) {
  const server = await startFakeOpenAiServer();
  try {
    const extractor = createLlmExtractor({
      client: createOpenAiClient({ apiKey: "bench", baseURL: server.baseURL, model }),
      prompts: loadTurnPrompts(),
      limits,
    });
    await playConversation(extractor, server, 20);
    return server.requests;
  } finally {
    await server.close();
  }
}

const rows = [
  { name: "bounded (default window)", requests: await measure(undefined) },
  {
    name: "unbounded (whole transcript)",
    requests: await measure({ historyMessages: 10_000, historyCharacters: 100_000 }),
  },
];

const header = ["context", ...turnsReported.map((turn) => `turn ${turn}`), "turn 20 / turn 10"];
const lines = rows.map(({ name, requests }) => {
  const at = (turn: number) => requests[turn - 1]!.promptTokens;
  return [name, ...turnsReported.map((turn) => String(at(turn))), (at(20) / at(10)).toFixed(3)];
});
const widths = header.map((title, column) =>
  Math.max(title.length, ...lines.map((line) => line[column]!.length)),
);
const format = (cells: string[]) =>
  cells
    .map((cell, column) => cell.padEnd(widths[column]!))
    .join("  ")
    .trimEnd();

const bounded = rows[0]!.requests;
const first = bounded[0]!;
process.stdout.write(
  [
    `prompt tokens per turn (${model}; o200k_base via js-tiktoken; messages + response_format schema)`,
    format(header),
    ...lines.map(format),
    "",
    `turn 1 breakdown: ${first.messageTokens} message tokens (system prompt + data) + ${first.schemaTokens} schema tokens`,
    `cost per turn at ${model} list price, turn 20: $${costOf(defaultPricing, {
      model,
      promptTokens: bounded[19]!.promptTokens,
      completionTokens: 120,
    }).toFixed(6)} (assuming 120 completion tokens)`,
    "",
  ].join("\n"),
);
