import { mergeSignals } from "../../src/core/merge.js";
import { emptyQualification, type QualificationState } from "../../src/core/qualification.js";
import type { Extractor, TranscriptLine } from "../../src/extraction/extractor.js";
import { type FakeOpenAiServer, fakeReply, type RecordedRequest } from "../fakes/openai-server.js";
import { askMove, NOW } from "./fixtures.js";

/** Twenty prospect turns: facts early, then the kind of back-and-forth that makes chats long. */
export const prospectTurns: string[] = [
  "Hi, we're looking for a better way to qualify inbound leads; our SDRs drown in junk demo requests.",
  "I'm Dana Lee, VP of Sales at Acme Logistics.",
  "We're about 400 people, mostly in Germany and the Netherlands.",
  "I'd make the call, with our CFO signing off on anything over 20k.",
  "We have roughly $50k a year set aside for tooling like this.",
  "Ideally we'd have something running by the end of January.",
  "Does it work with HubSpot? That's our CRM.",
  "And can it route leads to different reps by region?",
  "We get about 300 inbound requests a week, maybe a third are real.",
  "Our current process is a shared inbox and a spreadsheet, honestly.",
  "What languages does the chat support? Some prospects write in German.",
  "How do you handle data privacy? We're GDPR-bound, obviously.",
  "Could we trial it with one region first before rolling out?",
  "Our marketing team would want to see the reporting too.",
  "Is there an API for pulling the qualification data into our BI tool?",
  "We've tried a chatbot before and it annoyed people with too many questions.",
  "How long does a typical setup take on the customer side?",
  "Do reps get notified in Slack when a lead is handed over?",
  "What happens if a prospect asks something the bot can't answer?",
  "OK, this sounds promising. Who would I talk to next?",
];

export const botReply =
  "Thanks, that's helpful. Could you tell me a bit more about how your team would use this?";

/** Echo the first sentence of the prospect message as a need: the fake model always has valid evidence. */
export function echoingModel(request: RecordedRequest) {
  const data = JSON.parse(request.body.messages?.[1]?.content ?? "{}") as { prospect_message?: string };
  const quote = (data.prospect_message ?? "").split(/[.?!]/)[0]!.trim();
  return fakeReply.object({
    signals: quote
      ? [
          {
            field: "need",
            value: "explicit",
            amount: null,
            currency: null,
            period: null,
            target_date: null,
            pains: [quote.slice(0, 60)],
            quote,
            certainty: "stated",
          },
        ]
      : [],
    intents: [],
    reply_for: "reply_goal",
    reply: botReply,
  });
}

/**
 * Plays the whole conversation through `extractor` the way the engine would — state merged after
 * each turn, the full transcript passed as history (deliberately unbounded, so any bound is the
 * extractor's own) — and returns the prompt tokens the fake server counted per turn (1-based).
 */
export async function playConversation(
  extractor: Extractor,
  server: FakeOpenAiServer,
  turns = prospectTurns.length,
): Promise<number[]> {
  let state: QualificationState = emptyQualification();
  const history: TranscriptLine[] = [];
  const promptTokens: number[] = [];
  for (let turn = 0; turn < turns; turn++) {
    const text = prospectTurns[turn % prospectTurns.length]!;
    server.enqueue(fakeReply.compute(echoingModel));
    const result = await extractor.extract({
      text,
      history: [...history],
      now: NOW,
      state,
      plannedMove: askMove("timeline"),
    });
    state = mergeSignals(state, result.signals, {
      messageId: turn,
      extractor: result.extractor,
      at: NOW.toISOString(),
    }).state;
    history.push({ role: "prospect", text }, { role: "bot", text: result.draftReply?.text ?? botReply });
    promptTokens.push(server.requests.at(-1)!.promptTokens);
  }
  return promptTokens;
}
