import type { Intent } from "../../core/intent.js";
import type { Analysis, Sentence } from "./analysis.js";
import { isNegated, isQuestion } from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import { compilePatterns, findAny, type Pattern } from "./phrase-matcher.js";

// What the prospect is doing besides stating facts (src/core/intent.ts): greeting, asking why,
// asking for a person, asking the price, asking anything else, declining to answer, leaving.

const greetings = compilePatterns([
  "hi|hello|hey|hiya|howdy|greetings|yo|heya|hallo|hola|sup|g'day",
  "good morning|afternoon|evening|day",
  "morning",
]);
const askWhy = compilePatterns([
  "why do|would|should|does|did you ask|need|want|care|wanna",
  "why be you asking|asking",
  "why be that|this|it relevant|important|needed|necessary|required|a question",
  "why does|do that|this|it matter",
  "what do|does you need that|this|it|to+know for",
  "what be that|this|it for",
  "what does|do that|this have to do",
  "how be that|this relevant",
  "why the question|questions",
  "why that question",
  "why",
]);
const wantHuman = compilePatterns([
  "talk|speak|chat|connect|speaking|talking to|with a|an|the|your|some|real|actual|live? person|human|humans|someone|somebody|sales|salesperson|salespeople|rep|representative|agent|ae|expert|specialist|operator",
  "talk|speak|chat|connect|speaking|talking to|with a|an|the|your|some? sales|real|actual|live|account rep|team|person|human|agent|representative|executive|department|manager",
  "get|want|need a|an? human|person|rep|representative|salesperson|callback|call-back",
  "human please",
  "real person",
  "have|get someone|somebody call|contact|reach|email|ring|phone me",
  "someone|somebody call|contact|reach|email|ring me",
  "connect me with|to",
  "put me in+touch|through",
  "like|love|want|can|could|let|please|to book|schedule|arrange|request|set+up a|an demo|call|callback|meeting",
  "book|schedule|arrange|request a|an demo|call|callback",
]);
const askPrice = compilePatterns([
  "how much be|does|do|would|will|for|per|it|this|that|you|are|is",
  "what be|does the|your? price|prices|pricing|cost|costs|rate|rates|fee|fees|plans|tiers",
  "what do|does it|this|you cost|charge",
  "price|pricing|cost|costs|quote|rates",
  "be it|this|qualbot expensive|cheap|affordable|free|pricey",
  "send me|us pricing|prices|a+quote|the+price|a+price|your+pricing|the+pricing",
  "get a|an? quote|pricing|price|estimate",
  "pricing page|plans|info|information|details",
  "do you have a|any? free plan|trial|tier",
  "cost per seat|user|month",
]);
/** "pricing?" asks; "can it cut our cost per lead?" does not: a bare word asks only when short or owned. */
const BARE_PRICE = "price|pricing|cost|costs|quote|rates";
const priceOwners = new Set(["your", "the", "its", "about", "of", "and", "for"]);
const declinePatterns = compilePatterns([
  "rather not say|share|tell|disclose|answer|discuss|get+into|go+into",
  "prefer not to say|share|tell|disclose|answer|discuss",
  "none of your business",
  "not comfortable sharing|saying|disclosing|telling|answering|discussing",
  "can not|cannot share|disclose|say|tell|discuss|reveal that|this|it|those|specifics|details|numbers|yet",
  "not at liberty",
  "that be confidential|private",
  "no comment",
  "skip that|this|it|the+question",
  "let us skip",
  "not want to say|share|tell|answer|disclose",
  "not telling",
  "will not say|share|tell",
  "next question",
  "not going to say|share|tell",
  "not gonna say|share|tell",
]);
/** Single words that decline only when they are the whole reply ("pass", "confidential"). */
const shortDeclines = compilePatterns(["pass|confidential|private|skip"]);
const goodbyes = compilePatterns([
  "bye|goodbye|bye-bye|byebye|cya|ciao|farewell|adios|ttyl",
  "see you|ya later|soon|around|then|tomorrow|monday|next",
  "see ya",
  "talk to you later|soon",
  "talk later|soon",
  "have a good|great|nice|lovely day|one|evening|weekend|night",
  "that be all|it for now|today",
  "that be all",
  "gotta go",
  "got|have|need to go",
  "take care",
  "i be done",
  "catch you later",
  "good night",
  "signing off",
]);
/** How close to the end of the message a goodbye must be. */
const GOODBYE_TAIL_WORDS = 5;

function startsWith(
  analysis: Analysis,
  sentence: Sentence,
  patterns: readonly Pattern[],
  within = 1,
): boolean {
  return findAny(
    analysis,
    patterns,
    sentence.first,
    Math.min(sentence.end, sentence.first + within + 3),
  ).some((match) => match.start <= sentence.first + within - 1);
}

function _anyMatch(
  analysis: Analysis,
  patterns: readonly Pattern[],
  from = 0,
  to = analysis.tokens.length,
): boolean {
  return findAny(analysis, patterns, from, to).some((match) => !isNegated(analysis, match.start, match.end));
}

function asksPriceIn(analysis: Analysis, sentence: Sentence, question: boolean): boolean {
  const length = sentence.end - sentence.first;
  return findAny(analysis, askPrice, sentence.first, sentence.end).some((match) => {
    if (isNegated(analysis, match.start, match.end, 2)) return false;
    if (match.pattern.source === BARE_PRICE) {
      const owner = analysis.tokens[match.start - 1]?.normal ?? "";
      return (question || length <= 3) && (length <= 4 || priceOwners.has(owner));
    }
    const request = /^(send|get|pricing page)/.test(match.pattern.source);
    return question || request || length <= 4;
  });
}

/** "Book a demo" asks as an imperative; "we book a call with every lead" describes a process. */
function asksForPerson(analysis: Analysis, sentence: Sentence): boolean {
  return findAny(analysis, wantHuman, sentence.first, sentence.end).some((match) => {
    if (isNegated(analysis, match.start, match.end)) return false;
    if (!match.pattern.source.startsWith("book|")) return true;
    const before = analysis.tokens.slice(sentence.first, match.start);
    return (
      before.every(
        (token) =>
          token.kind !== "word" ||
          ["please", "pls", "ok", "so", "can", "could", "i", "we", "you"].includes(token.normal),
      ) && !before.some((token) => token.normal === "we")
    );
  });
}

export function readIntents(context: ReadingContext): Intent[] {
  const { analysis } = context;
  const intents = new Set<Intent>();
  const first = analysis.sentences[0];
  const last = analysis.sentences[analysis.sentences.length - 1];
  if (!first || !last) return [];

  if (startsWith(analysis, first, greetings, 1)) {
    // "morning" opens a greeting only when it is the whole first sentence ("morning!").
    const word = analysis.tokens[first.first]!.normal;
    if (word !== "morning" || first.end - first.first <= 2) intents.add("greeting");
  }

  let questions = 0;
  let explained = 0;
  for (const sentence of analysis.sentences) {
    const question = isQuestion(analysis, sentence);
    if (question) questions++;
    const why = findAny(analysis, askWhy, sentence.first, sentence.end).some(
      (match) => match.pattern.source !== "why" || sentence.end - sentence.first <= 3,
    );
    if (question && why) {
      intents.add("asks_why");
      explained++;
      continue;
    }
    let answered = false;
    if (asksPriceIn(analysis, sentence, question)) {
      intents.add("asks_price");
      answered = true;
    }
    if (asksForPerson(analysis, sentence)) {
      intents.add("wants_human");
      answered = true;
    }
    if (question && answered) explained++;
  }
  if (questions > explained) intents.add("asks_question");

  if (
    findAny(analysis, declinePatterns).length > 0 ||
    (context.words <= 2 && findAny(analysis, shortDeclines).length > 0)
  )
    intents.add("declines");

  // A goodbye closes the message: it ends among its last few words.
  const words = analysis.tokens.filter((token) => token.kind === "word" || token.kind === "number");
  const closingFrom = words[Math.max(0, words.length - GOODBYE_TAIL_WORDS)]?.index ?? 0;
  const closing =
    !isQuestion(analysis, last) &&
    findAny(analysis, goodbyes, Math.max(0, closingFrom - 4)).some(
      (match) => match.end > closingFrom && !isNegated(analysis, match.start, match.end, 1),
    );
  if (closing || (context.words <= 3 && /^cheers[!.]*$/i.test(analysis.text.trim()))) intents.add("goodbye");

  return [...intents];
}
