export { exportCorrectionsAsDataset } from "./correction-dataset.js";
export { renderHandoffCard } from "./handoff-card.js";
export { createPrismaHandoffStore } from "./prisma-handoff-store.js";
export { type SlackApi, type SlackIdentity, SlackSetupError } from "./slack-api.js";
export {
  createSlackChannel,
  type SlackChannel,
  type SlackChannelOptions,
  slackEventsPath,
} from "./slack-channel.js";
