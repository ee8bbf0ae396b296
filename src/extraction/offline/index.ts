import type { Intent } from "../../core/intent.js";
import type { Signal } from "../../core/qualification.js";
import type { ExtractionInput, ExtractionResult, Extractor } from "../extractor.js";
import { analyse } from "./analysis.js";
import { readAuthority } from "./authority.js";
import { readBudget } from "./budget.js";
import { readCompany } from "./company.js";
import { readContact, readSpeakerName } from "./contact.js";
import { askedSlotOf, createReadingContext, lastBotLine } from "./conversation-context.js";
import { readDisqualifiers } from "./disqualifiers.js";
import { looksLikeInstructionsToTheBot } from "./injection.js";
import { readIntents } from "./intents.js";
import { readNeed } from "./need.js";
import { blankOthersWords } from "./others-words.js";
import { readTimeline } from "./timeline.js";
import { readTitle } from "./titles.js";

export { warmUpLanguageModels } from "./language-model.js";

export const OFFLINE_EXTRACTOR_NAME = "offline";

export interface OfflineReading {
  signals: Signal[];
  intents: Intent[];
}

/**
 * Read one prospect message: every field reader sees the same analysis (tokens, sentences, POS,
 * negation) and what the bot had just asked. Pure and deterministic; evidence is always a verbatim
 * slice of `input.text`.
 */
export function readMessage(
  input: Pick<ExtractionInput, "text" | "history" | "now" | "state" | "plannedMove">,
): OfflineReading {
  // Forwarded mail, a previous employer, jokes and sarcasm are read as blanks: nothing there is evidence.
  const analysis = analyse(blankOthersWords(input.text));
  const askedSlot = askedSlotOf(input.history, input.plannedMove);
  const lastBotText = lastBotLine(input.history);
  const context = createReadingContext(analysis, {
    now: input.now,
    state: input.state,
    ...(askedSlot ? { askedSlot } : {}),
    ...(lastBotText ? { lastBotText } : {}),
  });
  const intents = readIntents(context);
  // Text that tells the bot what to record is not a statement of fact: nothing in it is evidence.
  if (looksLikeInstructionsToTheBot(analysis)) return { signals: [], intents };

  const disqualifiers = readDisqualifiers(context);
  const speaker = readSpeakerName(context);
  const contact = [...readContact(context, speaker), ...readCompany(context)];
  // A student, job seeker, vendor, competitor, spammer or support case is not stating buying facts:
  // "I'm graduating in May" is no timeline, "we can help you generate leads" no need.
  if (disqualifiers.length > 0) return { signals: [...disqualifiers, ...contact], intents };

  const title = readTitle(context, speaker?.end);
  const signals: Signal[] = [
    ...readBudget(context),
    ...readTimeline(context),
    ...readNeed(context),
    ...title,
    ...readAuthority(context, title),
    ...contact,
  ];
  return { signals, intents };
}

export function createOfflineExtractor(): Extractor {
  return {
    name: OFFLINE_EXTRACTOR_NAME,
    async extract(input: ExtractionInput): Promise<ExtractionResult> {
      const { signals, intents } = readMessage(input);
      return { signals, intents, extractor: OFFLINE_EXTRACTOR_NAME };
    },
  };
}
