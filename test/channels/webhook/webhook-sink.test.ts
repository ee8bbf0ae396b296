import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookSink, signWebhook } from "../../../src/channels/webhook/webhook-sink.js";
import type { LeadEvent } from "../../../src/engine/ports.js";
import { sampleLeadRecord } from "../../helpers/lead-record.js";

const lead = sampleLeadRecord("handed_off");
const event: LeadEvent = {
  id: "evt-1",
  type: "handoff.approved",
  createdAt: "2026-11-23T10:05:00.000Z",
  lead,
};

const received: { headers: IncomingMessage["headers"]; body: string }[] = [];
let status = 200;
const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => (body += chunk));
  request.on("end", () => {
    received.push({ headers: request.headers, body });
    response.writeHead(status).end();
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/qualbot`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("webhook sink", () => {
  it("POSTs DESIGN §8's payload with a verifiable signature", async () => {
    received.length = 0;
    status = 200;
    const sink = createWebhookSink({
      url,
      secret: "whsec_test",
      now: () => new Date("2026-11-23T10:06:00Z"),
    });
    await sink.publish(event);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(JSON.parse(request!.body)).toEqual({
      type: "handoff.approved",
      id: "evt-1",
      createdAt: "2026-11-23T10:05:00.000Z",
      lead,
    });
    const signature = String(request!.headers["x-qualbot-signature"]);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
    expect(Number(t)).toBe(Date.parse("2026-11-23T10:06:00Z") / 1000);
    expect(v1).toBe(createHmac("sha256", "whsec_test").update(`${t}.${request!.body}`).digest("hex"));
  });

  it("throws on a non-2xx answer or an unreachable receiver so the outbox retries", async () => {
    status = 503;
    const sink = createWebhookSink({ url, secret: "s" });
    await expect(sink.publish(event)).rejects.toThrow(/answered 503/);
    const unreachable = createWebhookSink({ url: "http://127.0.0.1:9/hook", secret: "s" });
    await expect(unreachable.publish(event)).rejects.toThrow(/failed/);
  });

  it("does not send internal events", async () => {
    received.length = 0;
    await createWebhookSink({ url, secret: "s" }).publish({ ...event, type: "handoff.requested" });
    expect(received).toHaveLength(0);
  });

  it("signs deterministically", () => {
    expect(signWebhook("{}", "k", 1)).toBe(
      `t=1,v1=${createHmac("sha256", "k").update("1.{}").digest("hex")}`,
    );
  });
});
