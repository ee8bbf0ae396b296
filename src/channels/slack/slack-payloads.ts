import { z } from "zod";

// The parts of Slack's payloads qualbot reads, checked at the edge. Loose objects: Slack adds
// fields freely, and only what is named here is relied on.

export const MessageLikeEvent = z.looseObject({
  type: z.enum(["message", "app_mention"]),
  subtype: z.string().optional(),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  team: z.string().optional(),
  /** The team of the user who wrote it; differs from ours for Slack Connect guests. */
  user_team: z.string().optional(),
  source_team: z.string().optional(),
});
export type MessageLikeEvent = z.infer<typeof MessageLikeEvent>;

export const EventEnvelope = z.looseObject({
  type: z.literal("event_callback"),
  event_id: z.string().min(1),
  team_id: z.string().optional(),
  is_ext_shared_channel: z.boolean().optional(),
  event: MessageLikeEvent,
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

const SlackUser = z.looseObject({
  id: z.string().min(1),
  team_id: z.string().optional(),
  name: z.string().optional(),
  username: z.string().optional(),
});

export const BlockActionBody = z.looseObject({
  type: z.literal("block_actions"),
  trigger_id: z.string().optional(),
  user: SlackUser,
  channel: z.looseObject({ id: z.string() }).optional(),
  container: z
    .looseObject({ channel_id: z.string().optional(), message_ts: z.string().optional() })
    .optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z
    .array(
      z.looseObject({
        action_id: z.string(),
        block_id: z.string(),
        value: z.string().optional(),
        selected_user: z.string().optional(),
      }),
    )
    .min(1),
});
export type BlockActionBody = z.infer<typeof BlockActionBody>;

const InputState = z.looseObject({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
  selected_options: z.array(z.looseObject({ value: z.string() })).nullish(),
  selected_user: z.string().nullish(),
});
export type InputState = z.infer<typeof InputState>;
export type ViewValues = Record<string, Record<string, InputState>>;

export const ViewSubmissionBody = z.looseObject({
  type: z.literal("view_submission"),
  user: SlackUser,
  view: z.looseObject({
    callback_id: z.string(),
    private_metadata: z.string().default(""),
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), InputState)) }),
  }),
});
export type ViewSubmissionBody = z.infer<typeof ViewSubmissionBody>;
