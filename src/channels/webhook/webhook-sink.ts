import { createHmac } from "node:crypto";
import type { LeadEvent, LeadEventSink, LeadEventType } from "../../engine/ports.js";

/** The event types of DESIGN §8 that leave qualbot; internal ones (handoff.requested) do not. */
export const webhookEventTypes: readonly LeadEventType[] = [
  "lead.qualified",
  "handoff.approved",
  "handoff.rejected",
  "handoff.reassigned",
];

export class WebhookDeliveryError extends Error {
  readonly code = "WEBHOOK_DELIVERY_FAILED";
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "WebhookDeliveryError";
  }
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (DESIGN §8). */
export function signWebhook(body: string, secret: string, unixSeconds: number): string {
  const digest = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${digest}`;
}

export interface WebhookSinkOptions {
  url: string;
  secret: string;
  timeoutMs?: number;
  now?: () => Date;
  fetch?: typeof fetch;
}

/** POSTs one lead event; any non-2xx answer or network fault throws so the outbox retries it. */
export function createWebhookSink(options: WebhookSinkOptions): LeadEventSink {
  const send = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  return {
    async publish(event: LeadEvent) {
      if (!webhookEventTypes.includes(event.type)) return;
      const body = JSON.stringify({
        type: event.type,
        id: event.id,
        createdAt: event.createdAt,
        lead: event.lead,
      });
      const signature = signWebhook(body, options.secret, Math.floor(now().getTime() / 1000));
      let response: Response;
      try {
        response = await send(options.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "qualbot-webhook/1",
            "x-qualbot-signature": signature,
            "x-qualbot-event": event.type,
          },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new WebhookDeliveryError(
          `POST ${new URL(options.url).host} failed: ${(error as Error).message}`,
          undefined,
          { cause: error },
        );
      }
      await response.body?.cancel();
      if (!response.ok)
        throw new WebhookDeliveryError(
          `POST ${new URL(options.url).host} answered ${response.status}`,
          response.status,
        );
    },
  };
}
