import type { Analysis, Token } from "./analysis.js";
import { hasLexiconTag, isKnownWord, lexiconTags } from "./language-model.js";
import { isTitleVocabulary } from "./title-vocabulary.js";

// People, organisations and places as token runs. wink's light model has no person/organisation
// entities, so the evidence is compromise's gazetteer (first and last names, cities, countries,
// regions), capitalisation, and whether the word is ordinary English vocabulary.

const nameTags = ["FirstName", "MaleName", "FemaleName", "Person", "LastName"];
const placeTags = ["City", "Country", "Region", "Place"];
/** Tags of ordinary words: "I'm Interested" and "I'm Looking" are not introductions. */
const wordTags = new Set([
  "Adjective",
  "Gerund",
  "Verb",
  "Infinitive",
  "PresentTense",
  "PastTense",
  "Adverb",
  "Preposition",
  "Determiner",
  "Pronoun",
  "Conjunction",
  "Copula",
  "Modal",
  "Participle",
  "QuestionWord",
  "Negative",
  "Expression",
  "Month",
  "WeekDay",
  "Date",
  "Duration",
  "Plural",
  "Uncountable",
  "Singular",
  "Noun",
  "Actor",
  "Demonym",
  "Unit",
  "Currency",
]);
const nameParticles = new Set([
  "van",
  "de",
  "von",
  "da",
  "del",
  "der",
  "di",
  "la",
  "le",
  "al",
  "bin",
  "ben",
  "du",
  "dos",
  "das",
  "st.",
]);
const legalSuffixes = new Set([
  "inc",
  "inc.",
  "llc",
  "ltd",
  "ltd.",
  "limited",
  "gmbh",
  "corp",
  "corp.",
  "corporation",
  "co",
  "co.",
  "ag",
  "sa",
  "bv",
  "plc",
  "pty",
  "llp",
  "group",
  "labs",
  "technologies",
  "systems",
  "software",
  "holdings",
  "partners",
  "studio",
  "studios",
  "agency",
  "health",
  "ai",
  "io",
  "hq",
]);
const calendarNames = new Set([
  "january",
  "february",
  "march",
  "april",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "today",
  "tomorrow",
  "yesterday",
]);
const notOrganisations = new Set([
  "the",
  "a",
  "an",
  "our",
  "my",
  "this",
  "that",
  "i",
  "we",
  "you",
  "it",
  "sales",
  "marketing",
  "work",
  "home",
  "least",
  "most",
  "all",
  "first",
  "last",
  "some",
  "moment",
  "present",
  "scale",
  "night",
  "once",
  "times",
  "best",
  "risk",
  "hand",
  "heart",
  "large",
  "length",
  "stake",
  "ease",
  "war",
  "peace",
]);

function isCapitalised(token: Token): boolean {
  return /^\p{Lu}/u.test(token.text);
}

export function isFirstName(word: string): boolean {
  return hasLexiconTag(word, "FirstName", "MaleName", "FemaleName");
}

/**
 * An everyday English word rather than a name: compromise tags it as one, or wink knows it and
 * does not tag this occurrence as a proper noun (its vocabulary also holds many names).
 */
function isOrdinaryWord(token: Token): boolean {
  const tags = lexiconTags(token.normal);
  if (tags.some((tag) => nameTags.includes(tag))) return false;
  if (tags.some((tag) => wordTags.has(tag))) return true;
  return token.pos !== "PROPN" && isKnownWord(token.normal);
}

/** A word that can start a person's name given how strongly the context announces one. */
function canStartName(token: Token, announced: boolean): boolean {
  if (token.kind !== "word" || !/^\p{L}[\p{L}'’-]*$/u.test(token.text) || token.text.length < 2) return false;
  const word = token.normal;
  if (isTitleVocabulary(word) && !isFirstName(word)) return false;
  if (isFirstName(word)) return isCapitalised(token) || announced || !isOrdinaryWord(token);
  if (!isCapitalised(token)) return announced && !lexiconTags(word).some((tag) => wordTags.has(tag));
  if (hasLexiconTag(word, ...placeTags)) return false;
  return !isOrdinaryWord(token) || hasLexiconTag(word, "Person", "LastName");
}

function canContinueName(token: Token): boolean {
  if (token.kind !== "word" || !isCapitalised(token) || !/^\p{L}[\p{L}'’-]*$/u.test(token.text)) return false;
  if (isTitleVocabulary(token.normal)) return false;
  if (hasLexiconTag(token.normal, "LastName", "Person", ...nameTags)) return true;
  return !isOrdinaryWord(token) && !hasLexiconTag(token.normal, ...placeTags);
}

export interface NameReading {
  start: number;
  end: number;
  value: string;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * A person's name starting at `index`: a first word that is a known first name or an unknown
 * capitalised word, then up to two capitalised surnames. `announced` ("my name is …") also accepts
 * lower-case names.
 */
export function readPersonNameAt(
  analysis: Analysis,
  index: number,
  announced: boolean,
): NameReading | undefined {
  const tokens = analysis.tokens;
  const first = tokens[index];
  if (!first || !canStartName(first, announced)) return undefined;
  let end = index + 1;
  while (
    end < tokens.length &&
    end < index + 4 &&
    tokens[end]!.sentence === first.sentence &&
    tokens[end]!.spaced
  ) {
    const token = tokens[end]!;
    if (nameParticles.has(token.normal) && tokens[end + 1] && canContinueName(tokens[end + 1]!)) {
      end += 2;
      continue;
    }
    if (tokens[end + 1]?.normal === "'s") break;
    // "my name is jordan smith": announced lower-case names take lower-case surnames too.
    const lowerCaseSurname =
      announced &&
      !isCapitalised(first) &&
      /^\p{Ll}+$/u.test(token.text) &&
      !lexiconTags(token.normal).some((tag) => wordTags.has(tag));
    if (!canContinueName(token) && !lowerCaseSurname) break;
    end++;
  }
  const words = tokens.slice(index, end).map((token) => token.text);
  const value = words.map((word) => (/^\p{Ll}/u.test(word) ? capitalise(word) : word)).join(" ");
  return { start: index, end, value };
}

export interface OrganisationReading {
  start: number;
  end: number;
  value: string;
}

function isOrganisationWord(token: Token): boolean {
  if (token.kind !== "word" && token.kind !== "number" && token.kind !== "url") return false;
  if (legalSuffixes.has(token.normal)) return true;
  return (
    isCapitalised(token) || /\d/.test(token.text) || /^[a-z]+[A-Z]/.test(token.text) || token.kind === "url"
  );
}

/**
 * An organisation name starting at `index` ("Acme", "Acme Corp", "Johnson & Johnson", "acme.io").
 * Places and ordinary words are not organisations; a lower-case name needs a legal suffix
 * ("acme inc") unless `lenient` (a reply to "which company are you with?").
 */
export function readOrganisationAt(
  analysis: Analysis,
  index: number,
  lenient = false,
): OrganisationReading | undefined {
  const tokens = analysis.tokens;
  let start = index;
  if (tokens[start]?.normal === "the") start++;
  const first = tokens[start];
  if (!first || notOrganisations.has(first.normal) || first.kind === "punctuation") return undefined;
  // "I'm out of office from December 21", "I'd rather not share that": a date or a clitic is no name.
  if (calendarNames.has(first.normal) || !/^[\p{L}\d]/u.test(first.text)) return undefined;
  // "up at 5 every day": a bare number is a time or a count, not a company ("3M" still is).
  if (/^\d+$/.test(first.text) && !isCapitalised(tokens[start + 1] ?? first)) return undefined;
  if (!isOrganisationWord(first) && !lenient) {
    // "acme inc": lower case with a legal suffix
    const next = tokens[start + 1];
    if (
      !(
        first.kind === "word" &&
        next &&
        legalSuffixes.has(next.normal) &&
        /^(inc|llc|ltd|gmbh|corp|co|plc)/.test(next.normal)
      )
    )
      return undefined;
  }
  if (first.kind === "word" && first.text.length < 2) return undefined;
  let end = start + 1;
  while (end < tokens.length && end < start + 5 && tokens[end]!.sentence === first.sentence) {
    const token = tokens[end]!;
    if (
      (token.normal === "&" || token.normal === "and") &&
      tokens[end + 1] &&
      isCapitalised(tokens[end + 1]!) &&
      !/^(i|we)$/.test(tokens[end + 1]!.normal)
    ) {
      end += 2;
      continue;
    }
    if (
      token.normal === "." &&
      !token.spaced &&
      tokens[end + 1] &&
      !tokens[end + 1]!.spaced &&
      /^(io|ai|com|co|app|dev|net|org)$/.test(tokens[end + 1]!.normal)
    ) {
      end += 2;
      continue;
    }
    if (token.normal === "-" && !token.spaced && tokens[end + 1] && !tokens[end + 1]!.spaced) {
      end += 2;
      continue;
    }
    if (!token.spaced && token.kind !== "word") break;
    if (isOrganisationWord(token) || (lenient && token.kind === "word" && !isKnownWord(token.normal))) {
      end++;
      continue;
    }
    break;
  }
  const words = tokens.slice(start, end);
  const single = words.length === 1 ? words[0]! : undefined;
  if (single) {
    const word = single.normal;
    if (hasLexiconTag(word, ...placeTags, "Month", "WeekDay") && !isFirstName(word)) return undefined;
    if (isFirstName(word) && !lenient) return undefined;
    if (
      !lenient &&
      isOrdinaryWord(single) &&
      !hasLexiconTag(word, "Organization") &&
      single.text !== single.text.toUpperCase()
    )
      return undefined;
  }
  const value = analysis.text.slice(words[0]!.start, words[words.length - 1]!.end);
  return { start, end, value };
}

const worldRegions: Record<string, string> = {
  emea: "EMEA",
  apac: "APAC",
  latam: "LATAM",
  dach: "DACH",
  nordics: "Nordics",
  benelux: "Benelux",
  anz: "ANZ",
  uk: "UK",
  us: "US",
  usa: "USA",
  "u.s.": "US",
  "u.k.": "UK",
  eu: "EU",
  europe: "Europe",
  asia: "Asia",
  africa: "Africa",
  oceania: "Oceania",
  midwest: "Midwest",
};
const twoWordRegions: Record<string, string> = {
  "north america": "North America",
  "south america": "South America",
  "latin america": "Latin America",
  "central america": "Central America",
  "middle east": "Middle East",
  "east coast": "East Coast",
  "west coast": "West Coast",
  "bay area": "Bay Area",
  "southeast asia": "Southeast Asia",
  "new zealand": "New Zealand",
  "united states": "United States",
  "united kingdom": "United Kingdom",
  "hong kong": "Hong Kong",
  "south africa": "South Africa",
  "new york": "New York",
  "los angeles": "Los Angeles",
  "san francisco": "San Francisco",
  "saudi arabia": "Saudi Arabia",
  "south korea": "South Korea",
  "costa rica": "Costa Rica",
  "buenos aires": "Buenos Aires",
  "tel aviv": "Tel Aviv",
  "sao paulo": "Sao Paulo",
  "são paulo": "São Paulo",
  "mexico city": "Mexico City",
};

export interface PlaceReading {
  start: number;
  end: number;
  value: string;
}

/** A single written place name ("US" in "US-based", "Berlin") as the gazetteer knows it. */
export function placeNamed(text: string): string | undefined {
  const word = text.toLowerCase();
  const region = worldRegions[word];
  if (region && (word !== "us" || text === "US")) return region;
  return /^\p{Lu}/u.test(text) && hasLexiconTag(word, ...placeTags) ? text : undefined;
}

/** A place the gazetteer knows ("Berlin", "the UK", "North America", "EMEA"). */
/** Month and weekday names: "in September" is a date, never a place or an organisation. */
export function isCalendarName(word: string): boolean {
  return calendarNames.has(word.toLowerCase());
}

export function readPlaceAt(analysis: Analysis, index: number): PlaceReading | undefined {
  const tokens = analysis.tokens;
  let start = index;
  if (tokens[start]?.normal === "the") start++;
  const first = tokens[start];
  if (first?.kind !== "word") return undefined;
  const second = tokens[start + 1];
  if (second && second.sentence === first.sentence) {
    const pair = `${first.normal} ${second.normal}`;
    const known =
      twoWordRegions[pair] ??
      (hasLexiconTag(pair, ...placeTags) ? analysis.text.slice(first.start, second.end) : undefined);
    if (known) return { start, end: start + 2, value: known };
  }
  // "we moved offices in September": a month is no place.
  if (calendarNames.has(first.normal)) return undefined;
  const single = placeNamed(first.text);
  return single ? { start, end: start + 1, value: single } : undefined;
}
