import type { Disqualifier, SignalOf } from "../../core/qualification.js";
import { type Analysis, quote } from "./analysis.js";
import { clauseAround, isHypothetical, isNegated, isRetracted, sentenceOf } from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import { compilePatterns, findAny, type Match, type Pattern } from "./phrase-matcher.js";

// Conversations that are not sales leads: students, job seekers, competitors, vendors pitching us,
// existing customers needing support, spam. Each needs the prospect saying it about themselves in
// the present: "I was a student once", "we're hiring SDRs" and "are you hiring? jk" are not.

const studentPatterns = compilePatterns([
  "i|we am|are a|an|currently|still|just|also * student|students",
  "my|our|a thesis|dissertation|capstone",
  "my|our homework|coursework",
  "for my|our class|course|school|university|uni|college|module|degree|studies|professor",
  "my|our|a class|school|university|uni|college|course|semester|final|group project|paper|assignment|essay",
  "i am studying|majoring at|for|in|computer|business|marketing|economics|engineering|my|towards",
  "i study at",
  "i am graduating|graduate",
  "my professor|lecturer|teacher|tutor asked|wants|said|suggested",
  "i am doing|writing|working+on a|my phd|masters|master's|thesis|dissertation|degree|mba",
]);
const jobSeekerPatterns = compilePatterns([
  "be you|your|qualbot|y'all * hiring",
  "you|u hiring",
  "any open|job|current positions|roles|openings|vacancies|jobs|internships",
  "job|career|employment|internship opportunities|opportunity|openings|opening|vacancies|vacancy",
  "i would|want|wanted|like|would+like|would+love to apply",
  "how do|can i apply",
  "apply for a|the|this|an? job|role|position|internship|opening",
  "my resume|cv|résumé",
  "looking for a|an? job|employment|internship",
  "looking for a new role|position|job|opportunity",
  "looking for new opportunities",
  "looking for my|a first? * job|internship|role|position",
  "i want|like|love to work for|at you|your|qualbot",
  "join your team|company",
  "careers page",
  "do you have|offer any? internships|internship|jobs|openings|vacancies",
]);
/** Products like ours: a competitor builds or sells them. */
const ourKindOfProduct =
  "lead-qualification|chatbot|chatbots|chat+widget|chat+widgets|chat+bot|chat+bots|live+chat|conversational+ai|ai+sdr|ai+sdrs|lead+qualification|lead+routing|qualification+bots";
const competitorPatterns = compilePatterns([
  "work at|for a|your competitor|competing",
  "we|i be a|your competitor",
  "we|i be one of your competitors",
  "we|i compete with you",
  "we|i|that|which|who build|builds|make|makes|sell|sells|develop|develops|offer|offers|run|runs|built|created a|an? * similar|competing|comparable|rival|competitive bot|product|tool|solution|platform|service|chatbot|software|widget",
  "we|i be building|developing something|a|an similar|competing",
  "similar product|bot|tool|platform at",
  `we|i also? build|make|sell|develop|offer ${ourKindOfProduct}`,
  "we|i be doing competitive research|analysis",
  "benchmark|benchmarking against our",
]);
/** Someone selling to us: a pitch phrase alone is enough. */
const pitchPatterns = compilePatterns([
  "pitch|pitching you",
  "pitch|pitching * our|my agency|services|company|firm|solution|product|offering",
  "love to pitch",
  "guest post|posts|posting|article",
  "backlink|backlinks|link-building",
  "link building",
  "sponsored post|content|article",
  "partnership opportunity|proposal",
  "would you be interested in our|a|an",
  "can|could|may i interest|offer|show|introduce you",
  "we|i can help you|your",
  "help|helping your company|business|website|brand|site grow|get|generate|increase|boost|improve|rank",
  "grow|boost|increase|improve|skyrocket your sales|revenue|traffic|ranking|rankings|seo|business",
  "i represent an? agency|firm|company",
  "free sample|trial|audit|consultation for you|your",
]);
/** What a vendor says about their own offer ("we provide offshore SDR teams", "we help SaaS companies…"). */
const offerPatterns = compilePatterns([
  "we|i|agency|company|firm offer|provide|sell|deliver|supply|specialize|specialise * services|solutions|outsourcing|development|seo|design|lead-gen|backlinks|consulting|teams|staff|data|contacts|leads|lists",
  "we help|helps * companies|businesses|brands|teams|startups|firms|agencies|organizations|organisations",
  "our agency|firm can|will|helps|specializes|specialises",
  "we be a|an * provider|agency|vendor|supplier|consultancy|reseller",
]);
/** …aimed at our company ("who handles outsourcing at your company?", "your CTO"). Not "your bot". */
const atOurCompany = compilePatterns([
  "your company|business|organization|organisation|website|site|brand|cto|ceo|cfo|cmo|coo|founder|marketing|sdrs|reps|seo|ranking|traffic|inbox|cloud|aws|bills|costs|customers|clients",
  "your sales|marketing|engineering team|department|org",
  "companies like yours",
  "businesses like yours",
]);
/** A problem with our own product, said by someone who has it. */
const supportPatterns = compilePatterns([
  "my login|account|password|invoice|invoices|subscription|billing|plan|dashboard|workspace|seat|seats|license|licence|export|payment|card * not|broken|locked|failing|down|wrong|missing|expired|stuck|disabled|suspended|error|errors",
  "our login|password|invoice|invoices|subscription|billing * not|broken|locked|failing|down|wrong|missing|expired|stuck|disabled|suspended|error|errors",
  "i|we can|could not log|login|sign in|into|on?",
  "i be unable to log|login|sign|access",
  "i|we can|could not access|export|download|reset|cancel my|our|the account|invoices|invoice|data|dashboard|subscription|password|login|billing|receipts",
  "reset|change|recover my|our password",
  "cancel|cancelling|canceling my|our subscription|account|plan|membership",
  "charged|billed twice|double|incorrectly|wrongly",
  "i want|need|would+like a|my? refund",
  "refund my|our",
  "get a refund",
  "support ticket",
  "open|opened|submit|submitted a ticket",
  "help with my|our account|login|invoice|subscription|billing",
  "question|questions about|regarding|with my|our account|invoice|invoices|subscription|billing|plan",
  "invoice|invoices|bill|bills|billing|charge|charges|receipt|receipts from you",
  "your app|product|tool|platform|dashboard|bot|widget|software|service|site|website|api be|keeps * broken|down|crashing|failing|erroring|buggy|glitching",
  "your app|product|tool|platform|dashboard|bot|widget|software|service|site|website|api be|does * not work|working|load|loading|respond|responding|sync|syncing|save|saving",
  "bug|error|glitch|issue|problem with|in|on your|my account|dashboard|integration|export|invoice|login|billing|widget|app",
]);
/** Someone who already uses the product: with a problem or a how-to question, a support request. */
const customerPatterns = compilePatterns([
  "i|we be an? existing|current|paying customer|customers|client|clients|user|users",
  "i|we be already a|your customer|customers|client|user|users",
  "i|we be already? on your|the * plan|tier|subscription",
  "as an? existing|current|paying customer|client|user",
  "paying customer|customers",
  "we|i set+up|installed|deployed|signed+up|subscribed|purchased|bought it|this|the+bot|qualbot|your+bot? last|already|in|back|since|yesterday|recently",
  "we|i have|'ve been using you|your|qualbot|it",
  "we|i set|got it|this|qualbot|the+bot up",
]);
const problemWords = compilePatterns([
  "not|broken|locked|failing|failed|fails|down|wrong|missing|error|errors|bug|bugs|issue|issues|problem|problems|help|stuck|unable|refund|charged|cancel|reset|stopped|crashing|glitch",
  "is there a way to",
  "how do|can i|we change|update|add|remove|export|configure|customize|customise|edit|cancel|turn|switch|connect",
]);
const spamStrong = compilePatterns([
  "casino|viagra|cialis|porn|xxx|escort|escorts|lottery|jackpot",
  "free spins",
  "hot singles",
  "you have won",
  "you have been selected",
  "claim your prize|reward|bonus|gift",
  "binary options",
  "guaranteed returns|profit|profits|income",
  "double your bitcoin|btc|crypto|money|investment",
  "earn|make $ * a|per day|week|hour",
]);
const spamTerms = compilePatterns([
  "click here|below|the+link",
  "earn|make money|cash|$",
  "work from home",
  "from home",
  "free money|gift|bonus|followers|likes",
  "100% free",
  "limited time|offer",
  "act now",
  "buy now",
  "bitcoin|btc|forex|crypto|ethereum|nft|airdrop|giveaway|betting|bet",
  "investment opportunity",
  "buy followers|likes|reviews",
  "cheap|discount seo|backlinks|followers|pills|meds",
  "dm me",
  "whatsapp|telegram",
  "loan|loans offer|approved",
  "congratulations",
]);
/** "student housing", "student loans": a noun after "student" makes it a modifier, not a person. */
const studentModified = new Set(["NOUN", "PROPN", "ADJ"]);

const CONFIDENCE = { stated: 0.9, pattern: 0.8 } as const;

/** Statements about the speaker; `negationInside` patterns spell their own "not" ("can't log in"). */
function factualMatches(analysis: Analysis, patterns: readonly Pattern[], negationInside = false): Match[] {
  return findAny(analysis, patterns).filter((match) => {
    const negated = negationInside
      ? isNegated(analysis, match.start, match.start, 2)
      : isNegated(analysis, match.start, match.end);
    return !negated && !isHypothetical(analysis, match.start) && !isRetracted(analysis, match.start);
  });
}

function signal(
  value: Disqualifier,
  analysis: Analysis,
  match: Match,
  confidence: number = CONFIDENCE.stated,
): SignalOf<"disqualifier"> {
  return { field: "disqualifier", value, evidence: [quote(analysis, match.start, match.end)], confidence };
}

function student(analysis: Analysis): Match | undefined {
  return factualMatches(analysis, studentPatterns).find((match) => {
    // "I was a student once" is the past; "a student of the game" an idiom; "student housing" a noun.
    const clause = clauseAround(analysis, sentenceOf(analysis, match.start), match.start);
    if (
      analysis.tokens
        .slice(clause.from, match.start)
        .some((token) => ["was", "used", "were"].includes(token.normal))
    )
      return false;
    const last = analysis.tokens[match.end - 1]!;
    const next = analysis.tokens[match.end];
    if (last.lemma !== "student" || !next || next.sentence !== last.sentence) return true;
    if (next.normal === "of" && analysis.tokens[match.end + 1]?.normal === "the") return false;
    return !studentModified.has(next.pos);
  });
}

function supportRequest(analysis: Analysis): Match | undefined {
  const direct = factualMatches(analysis, supportPatterns, true)[0];
  if (direct) return direct;
  const customer = factualMatches(analysis, customerPatterns)[0];
  if (!customer) return undefined;
  return findAny(analysis, problemWords).length > 0 ? customer : undefined;
}

function vendorPitch(analysis: Analysis): Match | undefined {
  const pitch = factualMatches(analysis, pitchPatterns)[0];
  if (pitch) return pitch;
  const offer = factualMatches(analysis, offerPatterns)[0];
  if (!offer) return undefined;
  return findAny(analysis, atOurCompany).length > 0 ? offer : undefined;
}

const vowels = /[aeiouyàáâäãåæéèêëíìîïóòôöõøœúùûüý]/;
const keyboardRuns = [
  "qwert",
  "werty",
  "asdf",
  "sdfg",
  "dfgh",
  "fghj",
  "ghjk",
  "hjkl",
  "zxcv",
  "xcvb",
  "cvbn",
  "vbnm",
  "yuio",
  "uiop",
];

/** Keyboard mashing: no vowels, long consonant runs, keyboard rows, or one letter over and over. */
function isMash(word: string): boolean {
  if (word.length < 4) return false;
  if (!vowels.test(word)) return true;
  if (/(.)\1{3,}/.test(word)) return true;
  if (keyboardRuns.some((run) => word.includes(run))) return true;
  return /[^aeiouyàáâäãåæéèêëíìîïóòôöõøœúùûüý]{5,}/.test(word);
}

/** Gibberish ("asdkjh zxmcnv qwpo") or a promo stuffed with spam terms and links. */
function spam(analysis: Analysis): string | undefined {
  const strong = findAny(analysis, spamStrong)[0];
  if (strong) return quote(analysis, strong.start, strong.end);
  const terms = findAny(analysis, spamTerms);
  const links = analysis.tokens.filter((token) => token.kind === "url").length;
  const shouting = /[$!]{3,}|✔{2,}|💰|🤑|🔥{2,}/u.test(analysis.text);
  const score =
    new Set(terms.map((term) => term.pattern.source)).size + Math.min(links, 1) + (shouting ? 1 : 0);
  if (terms.length > 0 && score >= 3) return quote(analysis, terms[0]!.start, terms[0]!.end);
  // Foreign languages are real words with vowels; mashing is not.
  const words = analysis.tokens.filter((token) => token.kind === "word" && /^\p{L}{3,}$/u.test(token.text));
  const mashed = words.filter((token) => isMash(token.normal));
  if (mashed.length >= 2 && mashed.length / words.length >= 0.6) return analysis.text.trim().slice(0, 200);
  return undefined;
}

export function readDisqualifiers(context: ReadingContext): SignalOf<"disqualifier">[] {
  const { analysis } = context;
  const signals: SignalOf<"disqualifier">[] = [];
  const studentMatch = student(analysis);
  if (studentMatch) signals.push(signal("student", analysis, studentMatch));
  const jobSeeker = factualMatches(analysis, jobSeekerPatterns)[0];
  if (jobSeeker) signals.push(signal("job_seeker", analysis, jobSeeker));
  const competitor = factualMatches(analysis, competitorPatterns)[0];
  if (competitor) signals.push(signal("competitor", analysis, competitor));
  const vendor = vendorPitch(analysis);
  if (vendor) signals.push(signal("vendor", analysis, vendor, CONFIDENCE.pattern));
  const support = supportRequest(analysis);
  if (support) signals.push(signal("support_request", analysis, support, CONFIDENCE.pattern));
  const junk = spam(analysis);
  if (junk)
    signals.push({ field: "disqualifier", value: "spam", evidence: [junk], confidence: CONFIDENCE.pattern });
  return signals;
}
