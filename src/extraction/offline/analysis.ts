import type { PartOfSpeech } from "wink-nlp";
import { winkPipeline } from "./language-model.js";

export type TokenKind =
  | "word"
  | "number"
  | "punctuation"
  | "symbol"
  | "currency"
  | "email"
  | "url"
  | "emoji"
  | "other";

export interface Token {
  index: number;
  /** Verbatim text: `analysis.text.slice(start, end)`. */
  text: string;
  /** Lower case, contractions expanded by wink ("n't" → "not", "'re" → "are"). */
  normal: string;
  lemma: string;
  pos: PartOfSpeech;
  kind: TokenKind;
  /** Inside a negation scope according to wink ("we don't have a budget": have, a, budget). */
  negated: boolean;
  start: number;
  end: number;
  sentence: number;
  /** Whitespace separates this token from the previous one. */
  spaced: boolean;
  /** First token of a line (a line break precedes it). */
  lineStart: boolean;
}

export interface Sentence {
  index: number;
  /** Token range [first, end). */
  first: number;
  end: number;
  text: string;
}

/** One message, tokenised once and shared by every field extractor. */
export interface Analysis {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
}

const winkKinds: Record<string, TokenKind> = {
  word: "word",
  number: "number",
  punctuation: "punctuation",
  symbol: "symbol",
  currency: "currency",
  email: "email",
  url: "url",
  emoji: "emoji",
};

interface RawToken {
  text: string;
  normal: string;
  lemma: string;
  pos: PartOfSpeech;
  kind: TokenKind;
  negated: boolean;
  start: number;
  sentence: number;
  spaced: boolean;
}

function piece(parent: RawToken, text: string, offset: number, normal?: string): RawToken {
  const isNumber = /^\d[\d,.]*$/.test(text);
  const isWord = /^\p{L}+$/u.test(text);
  const lower = normal ?? text.toLowerCase();
  return {
    ...parent,
    text,
    normal: lower,
    lemma: lower,
    pos: isNumber ? "NUM" : isWord ? parent.pos : "PUNCT",
    kind: isNumber ? "number" : isWord ? "word" : "punctuation",
    start: parent.start + offset,
    spaced: offset === 0 ? parent.spaced : false,
  };
}

// wink keeps "I'm" whole (and chat spelling "im"); patterns are written for "i am".
const firstPersonBe = /^(i)(['’]?m)$/i;
// Ranges and compounds glued to numbers ("50-60", "k-60k", "mid-2027") are split so the number
// grammar sees each part; emails, URLs and plain words are left alone.
const gluedWithNumber = /\d/;
const numberWithSuffix = /^(\d[\d,.]*)(\p{L}+)$/u;

function refine(raw: RawToken, german: boolean): RawToken[] {
  const firstPerson = firstPersonBe.exec(raw.text);
  // German "im" is "in the" ("5.000 € im Monat"), not chat spelling of "I'm".
  const germanIm = german && raw.text.toLowerCase() === "im";
  if (firstPerson?.[1] && firstPerson[2] && raw.kind === "word" && !germanIm) {
    return [
      { ...piece(raw, firstPerson[1], 0, "i"), pos: "PRON", kind: "word" },
      { ...piece(raw, firstPerson[2], firstPerson[1].length, "am"), pos: "AUX", lemma: "be", kind: "word" },
    ];
  }
  if (raw.kind === "email" || raw.kind === "url" || !gluedWithNumber.test(raw.text)) return [raw];
  const parts = raw.text.split(/([-–—/~+])/).filter((part) => part.length > 0);
  const out: RawToken[] = [];
  let offset = 0;
  for (const part of parts) {
    const suffixed = numberWithSuffix.exec(part);
    if (suffixed?.[1] && suffixed[2] && parts.length > 1) {
      out.push(piece(raw, suffixed[1], offset), piece(raw, suffixed[2], offset + suffixed[1].length));
    } else if (parts.length === 1) {
      out.push(raw);
    } else {
      out.push(piece(raw, part, offset));
    }
    offset += part.length;
  }
  return out;
}

function isWordLike(token: RawToken): boolean {
  return token.kind === "word" && /^\p{L}[\p{L}']*$/u.test(token.text);
}

/** "sign-off", "follow-up", "lead-gen": one lexical unit, as most people mean it. */
function mergeHyphenated(tokens: RawToken[]): RawToken[] {
  const out: RawToken[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const current = tokens[index]!;
    const previous = out[out.length - 1];
    const next = tokens[index + 1];
    if (
      previous &&
      next &&
      current.text === "-" &&
      !current.spaced &&
      !next.spaced &&
      isWordLike(previous) &&
      isWordLike(next) &&
      previous.sentence === next.sentence
    ) {
      const text = `${previous.text}-${next.text}`;
      out[out.length - 1] = {
        ...previous,
        text,
        normal: text.toLowerCase(),
        lemma: `${previous.normal}-${next.lemma}`,
        pos: next.pos,
      };
      index++;
      continue;
    }
    out.push(current);
  }
  return out;
}

const germanFunctionWords =
  /(^|[^\p{L}])(ich|wir|und|der|die|das|den|dem|ist|sind|nicht|für|mit|bei|eine?|einen|uns|unser|unsere|Sie|bitte|danke|pro|haben)(?=[^\p{L}]|$)/giu;

/** Two German function words, or "€ im Monat": enough to stop reading "im" as "I'm". */
function looksGerman(text: string): boolean {
  if (/[\d€$£]\s+im\s+\p{Lu}/u.test(text)) return true;
  return (text.match(germanFunctionWords)?.length ?? 0) >= 2;
}

function rawTokens(text: string): RawToken[] {
  const pipeline = winkPipeline();
  const { its } = pipeline;
  const doc = pipeline.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const normals = tokens.out(its.normal) as string[];
  // wink's typings give lemma an extra parameter; it is called like the other token helpers.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const tags = tokens.out(its.pos) as PartOfSpeech[];
  const types = tokens.out(its.type) as string[];
  const negations = tokens.out(its.negationFlag) as unknown as boolean[];
  const contractions = tokens.out(its.contractionFlag) as unknown as boolean[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const sentenceOf = new Array<number>(values.length).fill(0);
  (doc.sentences().out(its.span) as unknown as number[][]).forEach(([first = 0, last = 0], sentence) => {
    for (let index = first; index <= last; index++) sentenceOf[index] = sentence;
  });

  const out: RawToken[] = [];
  const german = looksGerman(text);
  let cursor = 0;
  values.forEach((value, index) => {
    cursor += spaces[index]?.length ?? 0;
    // wink's tokens reproduce the text exactly; searching is only a guard against surprises.
    const start = text.startsWith(value, cursor) ? cursor : Math.max(text.indexOf(value, cursor), cursor);
    cursor = start + value.length;
    out.push(
      ...refine(
        {
          text: value,
          // wink's normal form also re-spells words ("Vice" → "vise"); only contractions need it ("n't" → "not").
          normal: contractions[index] ? (normals[index] ?? value.toLowerCase()) : value.toLowerCase(),
          lemma: lemmas[index] ?? value.toLowerCase(),
          pos: tags[index] ?? "X",
          kind: winkKinds[types[index] ?? ""] ?? "other",
          negated: negations[index] === true,
          start,
          sentence: sentenceOf[index] ?? 0,
          spaced: (spaces[index]?.length ?? 0) > 0,
        },
        german,
      ),
    );
  });
  return mergeHyphenated(out);
}

/**
 * wink reads a clitic "'s" as possessive unless it expands it; before anything but a noun it is
 * "is" ("budget's around 30 grand"), so its lemma becomes "be" for the patterns.
 */
function resolveClitics(tokens: RawToken[]): RawToken[] {
  return tokens.map((token, index) => {
    if (!["'s", "’s"].includes(token.normal) || token.lemma === "be") return token;
    const next = tokens[index + 1];
    const possessive = next && ["NOUN", "PROPN"].includes(next.pos);
    return possessive ? token : { ...token, lemma: "be" };
  });
}

/**
 * wink keeps line breaks as tokens and does not end sentences at them; in chat a line break ends
 * a sentence (signatures, "Budget: $25k" / "Timeline: TBD" lists), so breaks become boundaries.
 */
function splitLines(raws: RawToken[]): (RawToken & { lineStart: boolean })[] {
  const out: (RawToken & { lineStart: boolean })[] = [];
  let lineBreaks = 0;
  let pendingBreak = false;
  for (const raw of raws) {
    if (/^\s+$/.test(raw.text)) {
      if (raw.text.includes("\n")) {
        pendingBreak = true;
        lineBreaks++;
      }
      continue;
    }
    out.push({ ...raw, sentence: raw.sentence + lineBreaks, lineStart: pendingBreak || out.length === 0 });
    pendingBreak = false;
  }
  return out;
}

export function analyse(text: string): Analysis {
  const tokens: Token[] = splitLines(resolveClitics(rawTokens(text))).map((raw, index) => ({
    ...raw,
    index,
    end: raw.start + raw.text.length,
  }));
  const sentences: Sentence[] = [];
  for (const token of tokens) {
    const last = sentences[sentences.length - 1];
    if (last && last.index === token.sentence) last.end = token.index + 1;
    else sentences.push({ index: token.sentence, first: token.index, end: token.index + 1, text: "" });
  }
  sentences.forEach((sentence, position) => {
    sentence.index = position;
    for (let index = sentence.first; index < sentence.end; index++) tokens[index]!.sentence = position;
    sentence.text = text.slice(tokens[sentence.first]!.start, tokens[sentence.end - 1]!.end);
  });
  return { text, tokens, sentences };
}

/** The verbatim text of tokens [from, to): always a substring of the message, so valid evidence. */
export function quote(analysis: Analysis, from: number, to: number): string {
  const first = analysis.tokens[from];
  const last = analysis.tokens[Math.max(from, to - 1)];
  if (!first || !last) return "";
  return analysis.text.slice(first.start, last.end);
}

export function tokensOf(analysis: Analysis, sentence: Sentence): Token[] {
  return analysis.tokens.slice(sentence.first, sentence.end);
}
