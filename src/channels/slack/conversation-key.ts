/** Where in Slack a conversation lives: a channel, and the thread in it when there is one. */
export interface SlackPlace {
  channel: string;
  threadTs?: string;
}

/**
 * The engine's conversation key for a Slack conversation: `C123:1700000000.000100` for a thread
 * (mentions, Slack Connect), `D123` for a whole direct-message channel.
 */
export function conversationKeyOf(place: SlackPlace): string {
  return place.threadTs ? `${place.channel}:${place.threadTs}` : place.channel;
}

export function placeOfConversationKey(key: string): SlackPlace {
  const separator = key.indexOf(":");
  if (separator < 0) return { channel: key };
  return { channel: key.slice(0, separator), threadTs: key.slice(separator + 1) };
}

/** The engine's per-message dedupe id: a Slack message is identified by channel and ts. */
export function channelMessageIdOf(channel: string, ts: string): string {
  return `${channel}:${ts}`;
}
