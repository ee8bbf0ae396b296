import { EventEmitter } from "node:events";

/**
 * "Something changed in this web session" inside one process. The conversation feed is keyed by
 * conversation id, which does not exist until a session's first message; an event stream opened
 * before that waits here for the message handler to say the conversation now exists.
 */
export interface SessionSignals {
  notify(sessionId: string): void;
  subscribe(sessionId: string, listener: () => void): () => void;
}

export function createSessionSignals(): SessionSignals {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    notify: (sessionId) => void emitter.emit(sessionId),
    subscribe(sessionId, listener) {
      emitter.on(sessionId, listener);
      return () => emitter.off(sessionId, listener);
    },
  };
}
