import { correctQualification, decideHandoff } from "../../engine/handoff-decisions.js";
import { explainDecisionError, type FeedbackPlace, reportDecision, tellRep } from "./decision-feedback.js";
import { refreshHandoffCard } from "./handoff-card-sink.js";
import { type ModalContext, parseModalContext, readCorrection, readRejectReason } from "./handoff-modals.js";
import { cardDepsOf, decisionDepsOf, type SlackChannelDeps } from "./slack-deps.js";
import { ViewSubmissionBody } from "./slack-payloads.js";

export interface ViewErrors {
  response_action: "errors";
  errors: Record<string, string>;
}

/** What a view-submission listener needs from Bolt's arguments. */
export interface SubmissionArgs {
  ack: (response?: ViewErrors) => Promise<void>;
  body: unknown;
}

interface Submission {
  context: ModalContext;
  user: { id: string; teamId?: string };
  values: Parameters<typeof readRejectReason>[0];
  place: FeedbackPlace;
}

function readSubmission(body: unknown): Submission | null {
  const parsed = ViewSubmissionBody.safeParse(body);
  if (!parsed.success) return null;
  const context = parseModalContext(parsed.data.view.private_metadata);
  if (!context) return null;
  const { user, view } = parsed.data;
  return {
    context,
    user: { id: user.id, teamId: user.team_id },
    values: view.state.values,
    place: { channel: context.channel, cardTs: context.ts, user: user.id },
  };
}

function runAfterAck(
  deps: SlackChannelDeps,
  submission: Submission,
  work: () => Promise<void>,
): Promise<void> {
  return deps.work.run(async () => {
    try {
      await work();
    } catch (error) {
      deps.logger.error(
        {
          code: (error as { code?: string }).code ?? "SLACK_SUBMISSION_FAILED",
          handoffId: submission.context.handoffId,
        },
        "handoff modal submission failed",
      );
      await tellRep(deps, submission.place, "Sorry, that did not work. Please try again.").catch(
        () => undefined,
      );
    }
  });
}

/** Reject modal submitted: a reason is required (shown in the modal), then the decision is made. */
export const rejectReasonSubmission =
  (deps: SlackChannelDeps) =>
  async ({ ack, body }: SubmissionArgs): Promise<void> => {
    const submission = readSubmission(body);
    if (!submission) return ack();
    const reason = readRejectReason(submission.values);
    if (!reason.ok) return ack({ response_action: "errors", errors: reason.errors });
    await ack();
    await runAfterAck(deps, submission, async () => {
      const name = await deps.slack.userName(submission.user.id);
      const result = await decideHandoff(decisionDepsOf(deps), {
        kind: "reject",
        handoffId: submission.context.handoffId,
        expectedVersion: submission.context.version,
        actor: { ...submission.user, ...(name ? { name } : {}) },
        reason: reason.value,
      });
      await reportDecision(deps, { kind: "reject" }, result, submission.place);
    });
  };

/** Edit modal submitted: the correction is recorded and shown on the card. */
export const editFieldsSubmission =
  (deps: SlackChannelDeps) =>
  async ({ ack, body }: SubmissionArgs): Promise<void> => {
    const submission = readSubmission(body);
    if (!submission) return ack();
    const correction = readCorrection(submission.values);
    if (!correction.ok) return ack({ response_action: "errors", errors: correction.errors });
    await ack();
    await runAfterAck(deps, submission, async () => {
      const result = await correctQualification(decisionDepsOf(deps), {
        handoffId: submission.context.handoffId,
        actor: submission.user,
        values: correction.value,
      });
      if (!result.ok) {
        const message =
          result.error.code === "invalid_values"
            ? "Those values could not be saved."
            : explainDecisionError({ code: result.error.code });
        await tellRep(deps, submission.place, message);
        return;
      }
      await refreshHandoffCard(cardDepsOf(deps), submission.context.handoffId);
    });
  };
