import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import type { z } from "zod";
import type {
  ChatMessage,
  GenerateObjectRequest,
  GenerateObjectResult,
  LlmClient,
  LlmUsage,
} from "./llm-client.js";
import { LlmOutputError } from "./llm-errors.js";
import { checkModelValue, parseModelOutput } from "./parse-model-output.js";
import { toLlmError } from "./provider-errors.js";

export interface LangChainClientOptions {
  /** Any LangChain chat model that supports `withStructuredOutput` (ChatOpenAI, ChatAnthropic, ChatOllama…). */
  chatModel: BaseChatModel;
  /** The model's name, for pricing and provenance when the provider does not report it. */
  model: string;
  /** LangChain's structured-output method; the provider's default when absent. */
  method?: "jsonSchema" | "functionCalling" | "jsonMode";
  /** Ask for strict schema adherence (OpenAI); turn off for providers that reject the option. */
  strict?: boolean;
}

function toLangChainMessage(message: ChatMessage): BaseMessage {
  if (message.role === "system") return new SystemMessage(message.content);
  if (message.role === "assistant") return new AIMessage(message.content);
  return new HumanMessage(message.content);
}

function textOf(message: BaseMessage): string {
  if (typeof message.content === "string") return message.content;
  return message.content
    .map((part) => ("text" in part && typeof part.text === "string" ? part.text : ""))
    .join("");
}

/** Tool-calling models put the object in the call's arguments, not in the content. */
function rawTextOf(message: BaseMessage): string {
  const text = textOf(message);
  if (text.trim() !== "") return text;
  const toolCall = AIMessage.isInstance(message) ? message.tool_calls?.[0] : undefined;
  return toolCall ? JSON.stringify(toolCall.args) : text;
}

function usageOf(message: BaseMessage, fallbackModel: string): LlmUsage {
  const usage = AIMessage.isInstance(message) ? message.usage_metadata : undefined;
  const reported = (message.response_metadata as { model_name?: unknown } | undefined)?.model_name;
  return {
    model: typeof reported === "string" && reported !== "" ? reported : fallbackModel,
    promptTokens: usage?.input_tokens ?? 0,
    completionTokens: usage?.output_tokens ?? 0,
  };
}

/** ChatOpenAI keeps the refusal only in the raw response it was asked to include. */
function refusalOf(message: BaseMessage): string | undefined {
  const kwargs = message.additional_kwargs as {
    refusal?: unknown;
    __raw_response?: { choices?: { message?: { refusal?: unknown } }[] };
  };
  const refusal = kwargs.refusal ?? kwargs.__raw_response?.choices?.[0]?.message?.refusal;
  return typeof refusal === "string" && refusal !== "" ? refusal : undefined;
}

/**
 * LangChain adapter: any chat model's `withStructuredOutput(schema, { includeRaw: true })`.
 * LangChain's own parse is not trusted: the parsed value is checked against the schema again,
 * and when LangChain could not parse, the raw text is parsed here to say why.
 */
export function createLangChainClient(options: LangChainClientOptions): LlmClient {
  const { chatModel, model } = options;

  async function generateObject<Schema extends z.ZodType>(
    request: GenerateObjectRequest<Schema>,
  ): Promise<GenerateObjectResult<z.infer<Schema>>> {
    const { promptId, signal, schema } = request;
    const structured = chatModel.withStructuredOutput(schema as unknown as Record<string, unknown>, {
      name: request.schemaName,
      includeRaw: true,
      strict: options.strict ?? true,
      ...(options.method ? { method: options.method } : {}),
    });
    let answer: { raw: BaseMessage; parsed: unknown };
    try {
      answer = await structured.invoke(request.messages.map(toLangChainMessage), { signal });
    } catch (error) {
      return { ok: false, error: toLlmError(error, { promptId, signal, nowMs: Date.now() }) };
    }
    const usage = usageOf(answer.raw, model);
    const raw = rawTextOf(answer.raw);
    const refusal = refusalOf(answer.raw);
    if (refusal !== undefined)
      return {
        ok: false,
        error: new LlmOutputError("LLM_REFUSAL", "model refused to answer", {
          promptId,
          raw: refusal,
          usage,
        }),
      };
    if (answer.parsed === null || answer.parsed === undefined)
      return parseModelOutput(schema, raw, { promptId, usage });
    return checkModelValue(schema, answer.parsed, { promptId, usage, raw });
  }

  return { model, generateObject };
}

export interface ChatOpenAiOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  requestTimeoutMs?: number;
}

/** The default LangChain model: ChatOpenAI with LangChain's retries off (ours wrap every adapter). */
export function createChatOpenAiModel(options: ChatOpenAiOptions): ChatOpenAI {
  return new ChatOpenAI({
    model: options.model,
    apiKey: options.apiKey,
    configuration: options.baseURL ? { baseURL: options.baseURL } : {},
    maxRetries: 0,
    timeout: options.requestTimeoutMs ?? 60_000,
    // Without the raw response a refusal is indistinguishable from empty output.
    __includeRawResponse: true,
  });
}
