import type { SignalOf } from "../../core/qualification.js";
import { type Analysis, quote } from "./analysis.js";
import { clauseAround, clauseIsPast, isHypothetical, isNegated, isQuestion, sentenceOf } from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import { readNumberAt } from "./numbers.js";
import { compilePatterns, findAny, type Match, type Pattern } from "./phrase-matcher.js";
import { isCalendarName, placeNamed, readOrganisationAt, readPlaceAt } from "./proper-names.js";

// The prospect's company: name, size (employees), industry and region, each only when the
// prospect says it about their own company ("we're about 250 people", "a 40-person team",
// "this is Raj from Acme", "we're a B2B SaaS company based in Berlin").

type CompanySignal =
  | SignalOf<"company.name">
  | SignalOf<"company.size">
  | SignalOf<"company.industry">
  | SignalOf<"company.region">;

const CONFIDENCE = { stated: 0.9, answer: 0.8, inferred: 0.75 } as const;

/** Each pattern ends right before the organisation name. */
const organisationLeads = compilePatterns([
  "i|we work|working at|for|with",
  "i am|be at|with",
  "we be at",
  "here at",
  "we at",
  "our company|startup|firm|agency|business|organization|organisation|org|employer be|'s|,|:|called|named",
  "our company|startup|firm|agency|business be called|named",
  "company name be|'s|:",
  "company :",
  "i run|own|founded|co-founded|cofounded|started",
  "we be called|named",
  "on behalf of",
]);
/** "I'm Dana from Acme", "Raj (CTO) at Acme": "from/at" after an introduction in the same sentence. */
const introductionCues = compilePatterns(["i am", "this be", "my name", "here", "it be"]);

function organisationSignal(
  analysis: Analysis,
  match: Match | { start: number; end: number },
  index: number,
  confidence: number,
  lenient = false,
): SignalOf<"company.name"> | undefined {
  const reading = readOrganisationAt(analysis, index, lenient);
  if (!reading) return undefined;
  return {
    field: "company.name",
    value: reading.value,
    evidence: [quote(analysis, Math.min(match.start, reading.start), reading.end)],
    confidence,
  };
}

function readCompanyName(context: ReadingContext): SignalOf<"company.name"> | undefined {
  const { analysis } = context;
  for (const match of findAny(analysis, organisationLeads)) {
    const sentence = sentenceOf(analysis, match.start);
    if (
      isQuestion(analysis, sentence) ||
      isNegated(analysis, match.start, match.end) ||
      isHypothetical(analysis, match.start)
    )
      continue;
    if (clauseIsPast(analysis, sentence.first, sentence.end) && !/our company/.test(match.pattern.source))
      continue;
    let at = match.end;
    if (analysis.tokens[at]?.normal === ",") at++;
    const found = organisationSignal(analysis, match, at, CONFIDENCE.stated);
    if (found) return found;
  }
  for (const intro of findAny(analysis, introductionCues)) {
    const sentence = sentenceOf(analysis, intro.start);
    if (isQuestion(analysis, sentence)) continue;
    for (let index = intro.end; index < Math.min(sentence.end, intro.end + 12); index++) {
      const token = analysis.tokens[index]!;
      if (!["from", "at", "@", "with"].includes(token.normal)) continue;
      const found = organisationSignal(
        analysis,
        { start: index, end: index + 1 },
        index + 1,
        CONFIDENCE.stated,
      );
      if (found) return found;
    }
  }
  // "Acme, about 50 people" in reply to "which company are you with?"
  if (context.askedSlot === "company" && context.shortAnswer) {
    const first = analysis.sentences[0];
    if (first && !isQuestion(analysis, first)) {
      let start = first.first;
      while (
        [
          "it",
          "we",
          "i",
          "'s",
          "be",
          "am",
          "are",
          "is",
          "'re",
          "called",
          "at",
          "with",
          "for",
          "from",
        ].includes(analysis.tokens[start]?.normal ?? "")
      )
        start++;
      return organisationSignal(analysis, { start, end: start }, start, CONFIDENCE.answer, true);
    }
  }
  return undefined;
}

const sizeUnits = new Set([
  "people",
  "employees",
  "employee",
  "staff",
  "ftes",
  "fte",
  "persons",
  "person",
  "folks",
  "heads",
  "headcount",
  "full-time",
  "workers",
  "souls",
  "humans",
  "team",
  "members",
]);
const personUnits = new Set(["person", "people", "employee", "staff", "man", "strong"]);
const organisationNouns = new Set([
  "company",
  "team",
  "org",
  "organization",
  "organisation",
  "startup",
  "business",
  "agency",
  "firm",
  "shop",
  "outfit",
  "operation",
  "studio",
  "practice",
]);
const departments = new Set([
  "sales",
  "marketing",
  "support",
  "engineering",
  "dev",
  "development",
  "sdr",
  "bdr",
  "success",
  "ops",
  "operations",
  "product",
  "design",
  "data",
  "it",
  "hr",
  "finance",
  "revops",
  "growth",
  "leadership",
  "management",
  "exec",
  "customer",
]);
/** Verbs of change ("hire 10 people", "add 20 reps") are not the company's size. */
const growthVerbs = new Set([
  "hire",
  "hiring",
  "hired",
  "add",
  "adding",
  "added",
  "onboard",
  "onboarding",
  "lose",
  "losing",
  "lost",
  "cut",
  "laid",
  "fire",
  "recruit",
  "recruiting",
]);
/** Statements whose number is the company's headcount. */
const sizeLeads = compilePatterns([
  "we be|have|employ|got",
  "we be a|an company|team|org|organization|organisation|startup|business|agency|firm|shop of",
  "company|team|org|organization|organisation|startup|business|agency|firm|shop of",
  "company|org|organization|organisation|business has|have|employs",
  "headcount be|of|:|is",
  "team size be|of|:|is",
  "our size be",
  "size :",
  "there be|are",
  "employ|employs",
]);
const headcountLeads = compilePatterns([
  "headcount|team+size|company+size be|of|:|is|=",
  "size :",
  "we employ|have+employed",
]);
const approximators = new Set([
  "about",
  "around",
  "roughly",
  "approximately",
  "approx",
  "~",
  "nearly",
  "almost",
  "over",
  "under",
  "just",
  "maybe",
  "probably",
  "some",
  "like",
  "circa",
  "close",
  "to",
  "more",
  "than",
  "less",
  "a",
  "little",
  "bit",
  "total",
  "in",
  "of",
  "up",
  "+",
]);

function readSizeAfter(
  analysis: Analysis,
  index: number,
  to: number,
  requireUnit: boolean,
): { value: number; end: number } | undefined {
  let position = index;
  while (position < to && approximators.has(analysis.tokens[position]!.normal)) position++;
  const quantity = readNumberAt(analysis, position, to);
  if (
    !quantity ||
    quantity.value < 1 ||
    quantity.value > 5_000_000 ||
    !Number.isInteger(Math.round(quantity.value))
  )
    return undefined;
  const unit = analysis.tokens[quantity.end];
  const unitWord = unit?.normal ?? "";
  // "40-person team", "250 employee company"
  if (unitWord === "-" && personUnits.has(analysis.tokens[quantity.end + 1]?.normal ?? ""))
    return { value: quantity.value, end: quantity.end + 2 };
  if (sizeUnits.has(unitWord) && !departments.has(analysis.tokens[quantity.end + 1]?.normal ?? ""))
    return { value: quantity.value, end: quantity.end + 1 };
  if (
    !requireUnit &&
    (!unit ||
      quantity.end >= to ||
      [",", ".", "!", "and", "or", "so", "in", "across", "total", "now"].includes(unitWord))
  )
    return { value: quantity.value, end: quantity.end };
  return undefined;
}

/** "…people at the keynote", "…people in the stadium": where they are is not the speaker's organisation. */
function isSomewhereElse(analysis: Analysis, unitEnd: number, sentenceEnd: number): boolean {
  const preposition = analysis.tokens[unitEnd];
  if (!preposition || !["at", "in", "on"].includes(preposition.normal)) return false;
  const place = analysis.tokens.slice(unitEnd + 1, Math.min(sentenceEnd, unitEnd + 4));
  const head = place.find((token) => token.pos === "NOUN" || token.pos === "PROPN");
  if (!head || head.pos === "PROPN") return false;
  return !place.some(
    (token) =>
      ["our", "my", "total", "house", "all"].includes(token.normal) ||
      organisationNouns.has(token.normal) ||
      departments.has(token.normal),
  );
}

function readSize(context: ReadingContext): SignalOf<"company.size"> | undefined {
  const { analysis } = context;
  const tokens = analysis.tokens;
  for (const sentence of analysis.sentences) {
    if (isQuestion(analysis, sentence)) continue;
    if (tokens.slice(sentence.first, sentence.end).some((token) => growthVerbs.has(token.normal))) continue;
    // "a 40-person team", "250-employee company", "10k employees"
    for (let index = sentence.first; index < sentence.end; index++) {
      const size = readSizeAfter(analysis, index, sentence.end, true);
      if (!size) continue;
      const before = tokens[index - 1]?.normal ?? "";
      const after = tokens[size.end]?.normal ?? "";
      const explicitUnit = [
        "employees",
        "employee",
        "staff",
        "ftes",
        "fte",
        "headcount",
        "full-time",
        "workers",
      ].includes(tokens[size.end - 1]!.normal);
      const describesOrganisation =
        organisationNouns.has(after) ||
        (tokens[size.end - 2]?.normal === "-" && organisationNouns.has(after));
      const departmentBefore = departments.has(before) || departments.has(tokens[index - 2]?.normal ?? "");
      if (departmentBefore || isNegated(analysis, index, size.end) || isHypothetical(analysis, index)) {
        index = size.end - 1;
        continue;
      }
      // "there were 2,000 people at the keynote": a past crowd, or one somewhere that is not theirs.
      const clause = clauseAround(analysis, sentence, index);
      if (
        clauseIsPast(analysis, clause.from, clause.to) ||
        isSomewhereElse(analysis, size.end, sentence.end)
      ) {
        index = size.end - 1;
        continue;
      }
      const led = findAny(analysis, sizeLeads, sentence.first, index).length > 0;
      if (explicitUnit || describesOrganisation || led) {
        return {
          field: "company.size",
          value: Math.round(size.value),
          evidence: [
            quote(
              analysis,
              Math.max(sentence.first, index - 3),
              Math.min(sentence.end, size.end + (describesOrganisation ? 1 : 0)),
            ),
          ],
          confidence: CONFIDENCE.stated,
        };
      }
      index = size.end - 1;
    }
  }
  // "our headcount is 35", "team size: 12": the lead names the measure, so no unit is needed.
  for (const lead of findAny(analysis, headcountLeads)) {
    const sentence = sentenceOf(analysis, lead.start);
    if (isQuestion(analysis, sentence) || isNegated(analysis, lead.start, lead.end)) continue;
    const size = readSizeAfter(analysis, lead.end, sentence.end, false);
    if (size)
      return {
        field: "company.size",
        value: Math.round(size.value),
        evidence: [quote(analysis, lead.start, size.end)],
        confidence: CONFIDENCE.stated,
      };
  }
  // "about 50" / "Acme, 200 people" in reply to "how many people work there?"
  if (context.askedSlot === "company" && context.shortAnswer) {
    for (let index = 0; index < tokens.length; index++) {
      const size = readSizeAfter(analysis, index, tokens.length, false);
      if (size) {
        return {
          field: "company.size",
          value: Math.round(size.value),
          evidence: [quote(analysis, index, size.end)],
          confidence: CONFIDENCE.answer,
        };
      }
    }
  }
  return undefined;
}

/** Industry words and the label stored for each. */
const industries: [Pattern, string][] = (
  [
    ["saas", "SaaS"],
    ["b2b saas", "SaaS"],
    ["software|tech|technology company|startup|firm|business|vendor|house", "Software"],
    ["fintech|fin-tech", "Fintech"],
    ["financial services", "Financial services"],
    ["banking|bank", "Banking"],
    ["insurance|insurtech", "Insurance"],
    ["healthcare|health-care|healthtech|medtech|hospital|clinic|clinics", "Healthcare"],
    ["health care", "Healthcare"],
    ["e-commerce|ecommerce|e-com|dtc|d2c", "E-commerce"],
    ["online store|shop|retailer", "E-commerce"],
    ["retail|retailer", "Retail"],
    ["manufacturing|manufacturer|factory", "Manufacturing"],
    ["logistics|freight|shipping|trucking|supply-chain", "Logistics"],
    ["real estate", "Real estate"],
    ["proptech|realty|brokerage", "Real estate"],
    ["edtech|education|school|university|e-learning|elearning", "Education"],
    ["marketing|advertising|creative|digital|seo|pr agency|firm|shop", "Marketing"],
    ["marketing|advertising", "Marketing"],
    ["consulting|consultancy", "Consulting"],
    ["law|legal firm|practice|tech", "Legal"],
    ["legaltech", "Legal"],
    ["hospitality|hotel|hotels|restaurant|restaurants", "Hospitality"],
    ["construction|contractor|builder", "Construction"],
    ["telecom|telecommunications|telco", "Telecom"],
    ["media|publishing|publisher", "Media"],
    ["nonprofit|non-profit|charity|ngo", "Nonprofit"],
    ["automotive|dealership|dealerships", "Automotive"],
    ["energy|solar|utilities|utility|oil", "Energy"],
    ["biotech|pharma|pharmaceutical|pharmaceuticals|life-sciences", "Life sciences"],
    ["life sciences", "Life sciences"],
    ["government|public-sector", "Government"],
    ["public sector", "Government"],
    ["gaming|game+studio|game+developer|games+company", "Gaming"],
    ["travel|tourism", "Travel"],
    ["cybersecurity|infosec", "Cybersecurity"],
    ["security company|firm|vendor|startup", "Cybersecurity"],
    ["staffing|recruiting|recruitment agency|firm|company?", "Staffing"],
    ["accounting|bookkeeping|cpa firm|practice?", "Accounting"],
    ["agriculture|agtech|farming", "Agriculture"],
    ["wholesale|distribution|distributor", "Wholesale"],
    ["hr tech|software|platform", "HR tech"],
    ["hrtech|martech|adtech", "Marketing technology"],
    ["it+services|msp|managed+services", "IT services"],
    ["dental|dentist|dentistry", "Dental"],
    ["fitness|gym|gyms|wellness", "Fitness"],
    ["home services|improvement", "Home services"],
    ["crypto|blockchain|web3 company|startup|exchange|platform", "Crypto"],
  ] as const
).map(([source, label]) => [compilePatterns([source])[0]!, label]);
/** Where an industry is the speaker's own: "we're a fintech", "we sell to" is not ours. */
const industryFrames = compilePatterns([
  "we be|'re",
  "i run|own|work at|for?",
  "our company|business|firm|startup be",
  "company in|within the",
  "in the",
  "we work|operate in",
  "industry|sector|space|vertical :|be|is",
]);

function readIndustry(analysis: Analysis): SignalOf<"company.industry"> | undefined {
  for (const sentence of analysis.sentences) {
    if (isQuestion(analysis, sentence)) continue;
    const frame = findAny(analysis, industryFrames, sentence.first, sentence.end).find(
      (match) => !isNegated(analysis, match.start, match.end),
    );
    if (!frame) continue;
    for (const [pattern, label] of industries) {
      const match = findAny(analysis, [pattern], frame.end, Math.min(sentence.end, frame.end + 7))[0];
      if (!match) continue;
      // "we sell to healthcare companies" / "our clients are in retail": a market, not the industry.
      // Only describing words may stand between: "we're a 40-person B2B fintech", not "we're looking for marketing tools".
      const between = analysis.tokens.slice(frame.end, match.start);
      if (
        between.some(
          (token) =>
            ["VERB", "AUX", "PRON"].includes(token.pos) ||
            ["to", "for", "clients", "customers", "like", "with"].includes(token.normal),
        )
      )
        continue;
      return {
        field: "company.industry",
        value: label,
        evidence: [quote(analysis, frame.start, match.end)],
        confidence: CONFIDENCE.inferred,
      };
    }
  }
  return undefined;
}

const regionLeads = compilePatterns([
  "based|located|headquartered|hq'd|hq in|out+of",
  "headquarters|hq|office|offices be|'s? in",
  "we be|'re in",
  "we operate|work in|across|out+of",
  "we be|'re from",
  "i|we be based in",
]);

function capitalisedRun(analysis: Analysis, index: number): { end: number; value: string } | undefined {
  if (isCalendarName(analysis.tokens[index]?.text ?? "")) return undefined;
  let end = index;
  while (
    end < index + 3 &&
    analysis.tokens[end]?.kind === "word" &&
    /^\p{Lu}/u.test(analysis.tokens[end]!.text)
  )
    end++;
  return end > index ? { end, value: quote(analysis, index, end) } : undefined;
}

function readRegion(analysis: Analysis): SignalOf<"company.region"> | undefined {
  for (const match of findAny(analysis, regionLeads)) {
    const sentence = sentenceOf(analysis, match.start);
    if (
      isQuestion(analysis, sentence) ||
      isNegated(analysis, match.start, match.end) ||
      isHypothetical(analysis, match.start)
    )
      continue;
    // After "based in" / "headquartered in" a capitalised name is a place even if the gazetteer
    // lacks it (or knows it as a first name: "Austin").
    const strong = /^(based|headquarters)/.test(match.pattern.source);
    const place =
      readPlaceAt(analysis, match.end) ?? (strong ? capitalisedRun(analysis, match.end) : undefined);
    if (place)
      return {
        field: "company.region",
        value: place.value,
        evidence: [quote(analysis, match.start, place.end)],
        confidence: CONFIDENCE.stated,
      };
  }
  // "a Berlin-based startup", "US-based"
  for (const token of analysis.tokens) {
    const [place, suffix] = token.normal.split("-");
    if (suffix !== "based" || !place) continue;
    const named = placeNamed(token.text.slice(0, place.length));
    if (named)
      return { field: "company.region", value: named, evidence: [token.text], confidence: CONFIDENCE.stated };
  }
  return undefined;
}

export function readCompany(context: ReadingContext): CompanySignal[] {
  const { analysis } = context;
  return [readCompanyName(context), readSize(context), readIndustry(analysis), readRegion(analysis)].filter(
    (signal): signal is CompanySignal => signal !== undefined,
  );
}
