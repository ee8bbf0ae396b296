import type { Analysis, Token } from "./analysis.js";

/**
 * A tiny token-pattern language, so lexicons read as phrases instead of regular expressions:
 *
 *   "have|got a|any? budget"      steps separated by spaces, alternatives by "|", "?" = optional step
 *   "just browsing|window+shopping"  "+" joins words into one multi-word alternative
 *   "need * approval"             "*" skips up to 3 words (never punctuation), "**" up to 6
 *   "<PROPN>" / "#number"         a part-of-speech tag / a token kind
 *   "_"                           any one word
 *   "=approved"                   the exact written form only (no lemma: "approved" but not "approve")
 *
 * A word matches a token's normal form or its lemma, so "need" also matches "needs" and "needed".
 */
type Test = (token: Token) => boolean;

interface WordStep {
  kind: "word";
  /** Single-token alternatives, looked up by normal form or lemma. */
  words: Set<string>;
  /** Exact-form, tag, kind and multi-word alternatives. */
  sequences: Test[][];
  optional: boolean;
  /** Words any match of this step starts with, or undefined when a tag or wildcard can start it. */
  startWords: Set<string> | undefined;
}
interface GapStep {
  kind: "gap";
  max: number;
}
type Step = WordStep | GapStep;

export interface Pattern {
  source: string;
  steps: Step[];
}

export interface Match {
  /** Token range [start, end) in the analysis. */
  start: number;
  end: number;
  pattern: Pattern;
}

function wordTest(word: string): Test {
  if (word === "_") return (token) => token.kind === "word" || token.kind === "number";
  if (word.startsWith("<") && word.endsWith(">")) {
    const tag = word.slice(1, -1);
    return (token) => token.pos === tag;
  }
  if (word.startsWith("#") && word.length > 1) {
    const kind = word.slice(1);
    return (token) => token.kind === kind;
  }
  if (word.startsWith("=") && word.length > 1) {
    const exact = word.slice(1);
    return (token) => token.normal === exact;
  }
  return (token) => token.normal === word || token.lemma === word;
}

function compileStep(source: string): Step {
  if (source === "*") return { kind: "gap", max: 3 };
  if (source === "**") return { kind: "gap", max: 6 };
  const optional = source.endsWith("?") && source.length > 1;
  const body = optional ? source.slice(0, -1) : source;
  const words = new Set<string>();
  const sequences: Test[][] = [];
  let startWords: Set<string> | undefined = new Set<string>();
  for (const alternative of body.split("|")) {
    const parts = alternative.split("+").filter(Boolean);
    if (parts.length === 1 && !/^[<#_=]/.test(alternative)) words.add(alternative);
    else sequences.push(parts.map(wordTest));
    const head = parts[0] ?? "";
    if (/^[<#_]/.test(head)) startWords = undefined;
    else startWords?.add(head.replace(/^=/, ""));
  }
  return { kind: "word", words, sequences, optional, startWords };
}

export function compilePattern(source: string): Pattern {
  return { source, steps: source.trim().split(/\s+/).map(compileStep) };
}

export function compilePatterns(sources: readonly string[]): Pattern[] {
  return sources.map(compilePattern);
}

function isSkippable(token: Token): boolean {
  return (
    token.kind === "word" || token.kind === "number" || token.kind === "currency" || token.kind === "symbol"
  );
}

/** End of a match of steps[stepIndex..] starting at token `at`, or -1. Patterns are short: plain backtracking. */
function matchFrom(
  tokens: readonly Token[],
  steps: readonly Step[],
  stepIndex: number,
  at: number,
  end: number,
): number {
  if (stepIndex === steps.length) return at;
  const step = steps[stepIndex]!;
  if (step.kind === "gap") {
    for (let skip = 0; skip <= step.max; skip++) {
      const position = at + skip;
      if (position > end) break;
      if (skip > 0 && !isSkippable(tokens[position - 1]!)) break;
      const result = matchFrom(tokens, steps, stepIndex + 1, position, end);
      if (result >= 0) return result;
    }
    return -1;
  }
  const token = tokens[at];
  if (at < end && token && (step.words.has(token.normal) || step.words.has(token.lemma))) {
    const result = matchFrom(tokens, steps, stepIndex + 1, at + 1, end);
    if (result >= 0) return result;
  }
  for (const sequence of step.sequences) {
    if (at + sequence.length > end) continue;
    if (!sequence.every((test, offset) => test(tokens[at + offset]!))) continue;
    const result = matchFrom(tokens, steps, stepIndex + 1, at + sequence.length, end);
    if (result >= 0) return result;
  }
  return step.optional ? matchFrom(tokens, steps, stepIndex + 1, at, end) : -1;
}

/** Every non-overlapping match of `pattern` within tokens [from, to). */
export function findMatches(
  analysis: Analysis,
  pattern: Pattern,
  from = 0,
  to = analysis.tokens.length,
): Match[] {
  return findAny(analysis, [pattern], from, to);
}

interface PatternIndex {
  /** Patterns whose first token must be this word (normal form or lemma). */
  byFirstWord: Map<string, Pattern[]>;
  /** Patterns that can start anywhere (optional first step, tags, gaps). */
  anywhere: Pattern[];
}

// Most patterns start with a fixed word, so each token only tries the few that can start on it.
const indexes = new WeakMap<readonly Pattern[], PatternIndex>();

function firstWords(pattern: Pattern): Set<string> | undefined {
  const first = pattern.steps[0];
  if (!first || first.kind === "gap" || first.optional) return undefined;
  return first.startWords;
}

function indexOf(patterns: readonly Pattern[]): PatternIndex {
  let index = indexes.get(patterns);
  if (index) return index;
  const built: PatternIndex = { byFirstWord: new Map(), anywhere: [] };
  for (const pattern of patterns) {
    const words = firstWords(pattern);
    if (!words) {
      built.anywhere.push(pattern);
      continue;
    }
    for (const word of words) {
      const list = built.byFirstWord.get(word);
      if (list) list.push(pattern);
      else built.byFirstWord.set(word, [pattern]);
    }
  }
  indexes.set(patterns, built);
  index = built;
  return index;
}

/** Matches of any of `patterns`, earliest first; at one position the longest wins; none overlap. */
export function findAny(
  analysis: Analysis,
  patterns: readonly Pattern[],
  from = 0,
  to = analysis.tokens.length,
): Match[] {
  const { byFirstWord, anywhere } = indexOf(patterns);
  const tokens = analysis.tokens;
  const kept: Match[] = [];
  for (let start = from; start < to; start++) {
    const token = tokens[start]!;
    const byNormal = byFirstWord.get(token.normal);
    const byLemma = token.lemma === token.normal ? undefined : byFirstWord.get(token.lemma);
    if (!byNormal && !byLemma && anywhere.length === 0) continue;
    let best: Match | undefined;
    for (const candidates of [byNormal, byLemma, anywhere]) {
      if (!candidates) continue;
      for (const pattern of candidates) {
        const end = matchFrom(tokens, pattern.steps, 0, start, to);
        if (end > start && (!best || end > best.end)) best = { start, end, pattern };
      }
    }
    if (best) {
      kept.push(best);
      start = best.end - 1;
    }
  }
  return kept;
}

export function firstMatch(
  analysis: Analysis,
  patterns: readonly Pattern[],
  from = 0,
  to = analysis.tokens.length,
): Match | undefined {
  return findAny(analysis, patterns, from, to)[0];
}
