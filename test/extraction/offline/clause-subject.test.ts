import { describe, expect, it } from "vitest";
import { analyse } from "../../../src/extraction/offline/analysis.js";
import {
  isAboutTheVendorOnly,
  isSpeculation,
  isWorldForecast,
  type SubjectKind,
  subjectAt,
} from "../../../src/extraction/offline/clause-subject.js";

/** The index of the first token whose lower-case text is `word`. */
function indexOf(text: string, word: string) {
  const analysis = analyse(text);
  const index = analysis.tokens.findIndex((token) => token.normal === word);
  if (index < 0) throw new Error(`"${word}" is not a token of "${text}"`);
  return { analysis, index };
}

describe("whose clause a word is in", () => {
  const rows: [text: string, word: string, kind: SubjectKind][] = [
    // The speaker, their organisation, their work, the purchase, or no subject at all.
    ["we need this live by March", "march", "speaker"],
    ["our leads go cold before anyone replies", "cold", "speaker"],
    ["budget is TBD until finance weighs in", "tbd", "speaker"],
    ["Legal needs the contract signed by January", "january", "speaker"],
    ["my boss wants it in place by Q1", "q1", "speaker"],
    ["need a bot by March", "march", "speaker"],
    ["Wir haben 60.000 € pro Jahr dafür eingeplant", "60.000", "speaker"],
    // Us.
    ["your website is painfully slow on mobile", "slow", "vendor"],
    ["your newsletter goes straight to my spam folder", "spam", "vendor"],
    ["the chat window covers the cookie banner", "covers", "vendor"],
    // Someone else.
    ["my wife is a marketing director", "director", "someone_else"],
    ["most sales teams waste time on bad leads", "waste", "someone_else"],
    ["my friend is head of sales and always complains about leads", "complains", "someone_else"],
    ["our kid's school trip costs 450 euros", "450", "someone_else"],
    ["speaking as a customer of your competitor, their bot is awful", "awful", "someone_else"],
    // Something outside the work, or the speaker's private life.
    ["the new Pixel is out in October", "october", "something_else"],
    ["airline lost my bag again", "lost", "something_else"],
    // The need reader still takes a pain from such a clause when the work follows the subject.
    ["the front desk is swamped with calls", "swamped", "something_else"],
    ["my passport expires in April", "april", "private_life"],
    ["our dog's vet bill was 450 euros", "450", "private_life"],
  ];
  it.each(rows)("%j at %j: %s", (text, word, kind) => {
    const { analysis, index } = indexOf(text, word);
    expect(subjectAt(analysis, index).kind).toBe(kind);
  });

  it("keeps the judged date out of the subject", () => {
    const { analysis, index } = indexOf("next month would be ideal for kickoff", "next");
    expect(subjectAt(analysis, index, { from: index, to: index + 2 }).kind).toBe("speaker");
  });

  it("reads the clause before for a referring pronoun", () => {
    const { analysis, index } = indexOf(
      "our kid's school trip costs 450 euros and they want it by Friday",
      "friday",
    );
    expect(subjectAt(analysis, index).kind).toBe("someone_else");
  });
});

describe("guesses about the world", () => {
  it.each([
    ["I wonder if AI will replace salespeople in 10 years", "years", true],
    ["I bet chatbots will be everywhere by 2030", "2030", true],
    ["I guess we need it by March", "march", false],
    ["I wonder if it could be live by January", "january", false],
  ] as const)("speculation in %j: %s", (text, word, expected) => {
    const { analysis, index } = indexOf(text, word);
    expect(isSpeculation(analysis, index)).toBe(expected);
  });

  it.each([
    ["B2B buying will be totally different in 5 years", "years", true],
    ["chatbots will probably replace web forms by 2030", "2030", true],
    ["the rollout will be done by March", "march", false],
    ["Reps will start using it in January", "january", false],
    ["Sales will need it by Q1", "q1", false],
  ] as const)("forecast in %j: %s", (text, word, expected) => {
    const { analysis, index } = indexOf(text, word);
    expect(isWorldForecast(analysis, index)).toBe(expected);
  });
});

describe("clauses about us only", () => {
  it.each([
    ["too many popups on your site tbh", true],
    ["I can't find the unsubscribe link in your emails", true],
    ["I waste hours copying leads from your forms into our CRM", false],
    ["our reps waste hours on junk leads", false],
  ] as const)("%j: %s", (text, expected) => {
    const analysis = analyse(text);
    expect(isAboutTheVendorOnly(analysis, 0, analysis.tokens.length)).toBe(expected);
  });
});
