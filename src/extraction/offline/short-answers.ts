import { type Analysis, quote } from "./analysis.js";
import { compilePatterns, firstMatch, type Pattern } from "./phrase-matcher.js";

// Replies that only mean something next to the bot's question: "yes", "nope", "not yet", "no idea".

export type AnswerKind = "not_yet" | "unsure" | "no" | "yes";

export interface Answer {
  kind: AnswerKind;
  quote: string;
}

// Checked in this order: "no idea" is unsure before it is "no", "not yet" before "no".
const answerPatterns: [AnswerKind, Pattern[]][] = [
  [
    "not_yet",
    compilePatterns([
      "not yet",
      "still open|pending|tbd|undecided",
      "still working on it|that",
      "still figuring it|that? out",
      "working on it|that",
      "in progress|the+works",
      "still being? discussed|decided|figured|worked",
    ]),
  ],
  [
    "unsure",
    compilePatterns([
      "not sure",
      "unsure",
      "no idea|clue",
      "do not know",
      "dunno|idk|tbd",
      "it? depends",
      "hard to say",
      "not certain",
    ]),
  ],
  [
    "no",
    compilePatterns([
      "no|nope|nah|none|negative",
      "not really|at+all",
      "we|i do not",
      "there be not|isn't",
      "not one",
    ]),
  ],
  [
    "yes",
    compilePatterns([
      "yes|yeah|yep|yup|yea|ya|y|sure|correct|absolutely|definitely|indeed|affirmative|certainly|totally",
      "we|i do|have|did",
      "it be|is",
      "that be|is right|correct",
      "of course",
    ]),
  ],
];

/** What a short reply answers, judged on its first clause. */
export function answerWord(analysis: Analysis): Answer | undefined {
  const firstSentence = analysis.sentences[0];
  if (!firstSentence) return undefined;
  const limit = Math.min(firstSentence.end, firstSentence.first + 8);
  for (const [kind, patterns] of answerPatterns) {
    const match = firstMatch(analysis, patterns, firstSentence.first, limit);
    if (match && match.start <= firstSentence.first + 2)
      return { kind, quote: quote(analysis, match.start, match.end) };
  }
  return undefined;
}
