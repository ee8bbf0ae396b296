import type { Actor, RepDirectory } from "../../engine/handoff-decisions.js";
import type { Clock, Logger } from "../../engine/ports.js";
import type { SlackApi } from "./slack-api.js";

export interface SlackRepDirectoryOptions {
  slack: Pick<SlackApi, "channelMembers">;
  /** The installed workspace: users of another team never decide. */
  teamId: string;
  /** SLACK_REP_USER_IDS; when empty, the members of the sales channel are the reps. */
  repUserIds: readonly string[];
  salesChannel?: string;
  clock: Clock;
  logger: Logger;
  /** How long the sales channel's member list is trusted. */
  membersTtlMs?: number;
}

/** Who may decide handoffs: the configured reps, or else the sales channel's members. */
export function createSlackRepDirectory(options: SlackRepDirectoryOptions): RepDirectory {
  const ttl = options.membersTtlMs ?? 60_000;
  let members: { at: number; ids: Promise<Set<string>> } | undefined;

  function salesChannelMembers(channel: string): Promise<Set<string>> {
    const now = options.clock.now().getTime();
    if (!members || now - members.at > ttl) {
      const ids = options.slack.channelMembers(channel).then(
        (list) => new Set(list),
        (error) => {
          members = undefined;
          options.logger.warn(
            { code: "SLACK_MEMBERS_UNAVAILABLE", channel, error: (error as Error).message },
            "could not list the sales channel's members; nobody may decide until it works",
          );
          return new Set<string>();
        },
      );
      members = { at: now, ids };
    }
    return members.ids;
  }

  return {
    async canDecide(actor: Actor) {
      if (actor.teamId !== undefined && actor.teamId !== options.teamId) return false;
      if (options.repUserIds.length > 0) return options.repUserIds.includes(actor.id);
      if (!options.salesChannel) return false;
      return (await salesChannelMembers(options.salesChannel)).has(actor.id);
    },
  };
}
