import type { App, Receiver, ReceiverEvent } from "@slack/bolt";

/**
 * Events API requests, whose acknowledgement waits for the listeners. `function_executed` is left
 * out: its listeners call `ack()` themselves, as interactivity's do.
 */
function acksAfterListeners(body: ReceiverEvent["body"]): boolean {
  const event = body.event as { type?: unknown } | undefined;
  return body.type === "event_callback" && event?.type !== "function_executed";
}

/**
 * Wraps a Bolt receiver so that an Events API request is acknowledged only after its listeners
 * have finished, and not at all when one of them failed (the error must reach Bolt's
 * `processEvent`, that is, `app.error` rethrows it). Slack redelivers what it was not acknowledged
 * for, so an event is either stored by a listener or delivered again — never acknowledged and lost.
 *
 * Bolt itself acks an event before calling its listeners (`App.processEvent` calls `ack()` first).
 * The HTTP receiver's `processBeforeResponse: true` would hold that response, but for every
 * request, buttons and modals included, whose listeners must answer Slack at once; Socket Mode has
 * no such option. Interactivity passes through untouched: its listeners call `ack()` first.
 * Event listeners must therefore be quick (store, don't process): Slack waits at most 3 seconds,
 * then sends the event again (a listener that stored it late finds it stored the second time).
 */
export function ackEventsAfterListeners(receiver: Receiver): Receiver {
  return {
    init(app) {
      receiver.init(withEventAckAfterListeners(app));
    },
    start: (...args) => receiver.start(...args),
    stop: (...args) => receiver.stop(...args),
  };
}

function withEventAckAfterListeners(app: App): App {
  const processEvent = async (event: ReceiverEvent): Promise<void> => {
    if (!acksAfterListeners(event.body)) return app.processEvent(event);
    let acknowledged = false;
    let response: unknown;
    await app.processEvent({
      ...event,
      ack: async (body?: unknown) => {
        acknowledged = true;
        response = body;
      },
    });
    if (acknowledged) await event.ack(response);
  };
  // Receivers call only `processEvent` on the app they are given.
  return new Proxy(app, {
    get: (target, property) =>
      property === "processEvent" ? processEvent : Reflect.get(target, property, target),
  });
}
