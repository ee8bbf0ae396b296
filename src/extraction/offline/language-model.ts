import { createRequire } from "node:module";
import type { Model, WinkMethods } from "wink-nlp";

// Both libraries are CommonJS and take 50–300 ms to load, so they are required on first use rather
// than at import: a process that never extracts offline (e.g. `qualbot leads list`) never pays.
const require = createRequire(import.meta.url);

type WinkFactory = (model: Model, pipe?: string[]) => WinkMethods;
type Lexicon = Record<string, string | string[]>;
interface CompromiseModule {
  model(): { one: { lexicon: Lexicon } };
}

let wink: WinkMethods | undefined;
let lexicon: Lexicon | undefined;
let vocabularyProbe: ReturnType<WinkMethods["readDoc"]> | undefined;

/**
 * The wink-nlp pipeline: tokens, sentence boundaries, POS tags, negation scope and named entities.
 * Sentiment and custom entities are left out of the pipe because nothing here uses them.
 */
export function winkPipeline(): WinkMethods {
  if (!wink) {
    const factory = require("wink-nlp") as WinkFactory;
    const model = require("wink-eng-lite-web-model") as Model;
    wink = factory(model, ["sbd", "negation", "pos", "ner"]);
  }
  return wink;
}

function compromiseLexicon(): Lexicon {
  if (!lexicon) {
    const compromise = require("compromise/two") as CompromiseModule;
    lexicon = compromise.model().one.lexicon;
  }
  return lexicon;
}

/**
 * Tags compromise's English lexicon gives a lower-case word or phrase: a gazetteer of first and
 * last names, places, months and past-tense verbs that wink's light model does not carry.
 */
export function lexiconTags(word: string): readonly string[] {
  const tags = compromiseLexicon()[word];
  if (tags === undefined) return [];
  return typeof tags === "string" ? [tags] : tags;
}

export function hasLexiconTag(word: string, ...tags: string[]): boolean {
  const found = lexiconTags(word);
  return tags.some((tag) => found.includes(tag));
}

/** Whether either library knows the lower-case word (gibberish detection). */
export function isKnownWord(word: string): boolean {
  vocabularyProbe ??= winkPipeline().readDoc("");
  return !vocabularyProbe.isOOV(word) || lexiconTags(word).length > 0;
}

/** Load both models now (servers call this at start so the first message is not slow). */
export function warmUpLanguageModels(): void {
  winkPipeline().readDoc("Warm up.");
  compromiseLexicon();
}
