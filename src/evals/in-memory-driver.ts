import { checkEvidence } from "../core/evidence.js";
import { mergeSignals } from "../core/merge.js";
import {
  decideMove,
  emptyDialogueMemory,
  type HandoffStatusForPolicy,
  rememberMove,
} from "../core/policy.js";
import { emptyQualification, viewQualification } from "../core/qualification.js";
import { type Scorecard, scoreLead } from "../core/scorecard.js";
import type { Extractor, TranscriptLine } from "../extraction/extractor.js";
import { type ReplyTemplates, renderReply } from "../replies/templates.js";
import type { ConversationDriver, DriverTurn } from "./conversation-driver.js";
import { DEFAULT_HISTORY_WINDOW } from "./run-case.js";

export interface InMemoryDriverDeps {
  extractor: Extractor;
  scorecard: Scorecard;
  templates: ReplyTemplates;
  historyWindow?: number;
}

/**
 * The engine's turn (DESIGN §1 steps 2–6) without a store: extract → evidence check → merge →
 * score → decide → reply. An offered handoff counts as pending from then on, as if no rep has
 * decided yet, so later turns see the same moves the real bot would make.
 */
export function createInMemoryDriver(deps: InMemoryDriverDeps): ConversationDriver {
  const window = deps.historyWindow ?? DEFAULT_HISTORY_WINDOW;
  return {
    async start({ now }) {
      let state = emptyQualification();
      let memory = emptyDialogueMemory();
      let handoff: HandoffStatusForPolicy = null;
      const history: TranscriptLine[] = [];
      let messageId = 0;
      return {
        async send(text: string): Promise<DriverTurn> {
          messageId++;
          const policyBase = { card: deps.scorecard, memory, handoff, humanOwned: false };
          const viewBefore = viewQualification(state, false);
          const plannedMove = decideMove({
            ...policyBase,
            view: viewBefore,
            score: scoreLead(deps.scorecard, viewBefore),
            intents: [],
          });
          const result = await deps.extractor.extract({
            text,
            history: history.slice(-window),
            now,
            state,
            plannedMove,
          });
          const checked = checkEvidence(result.signals, [text]);
          const merged = mergeSignals(state, checked.kept, {
            messageId,
            extractor: result.extractor,
            at: now.toISOString(),
          });
          state = merged.state;
          const score = scoreLead(deps.scorecard, viewQualification(state, false));
          const view = viewQualification(state, score.qualified);
          const move = decideMove({ ...policyBase, view, score, intents: result.intents });
          const draft =
            result.draftReply && JSON.stringify(result.draftReply.forMove) === JSON.stringify(move)
              ? result.draftReply.text
              : null;
          const reply =
            move.kind === "silent"
              ? null
              : (draft ??
                renderReply(deps.templates, move, {
                  seed: messageId,
                  firstName: view.contact.name?.split(/\s+/)[0],
                  learnedSomething: merged.decisions.some((decision) => decision.accepted),
                  recentReplies: history.filter((line) => line.role === "bot").map((line) => line.text),
                }));
          if ((move.kind === "offer_handoff" || move.kind === "human_requested") && handoff === null)
            handoff = "pending";
          memory = rememberMove(memory, move);
          history.push({ role: "prospect", text });
          if (reply !== null) history.push({ role: "bot", text: reply });
          return { reply, move, view, usage: result.usage };
        },
      };
    },
  };
}
