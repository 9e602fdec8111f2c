// The Inngest function run in-process with @inngest/test: it sends every due message, and a second run (the next cron
// tick, a retried run) finds nothing left and sends nothing.
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { createSendMessagesFunction } from "@/jobs/functions/messages/send-messages";
import { createMessage } from "@/server/messages/create-message";
import type { MessagingProvider } from "@/server/messages/providers/messaging-provider";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";

describe("send-messages", () => {
  it("hands each due message to the provider once, however often it runs", async () => {
    const t = await createTestTenant();
    const from = "+14155550161";
    await db.phoneNumber.create({ data: { id: newSid("PN"), tenantId: t.tenant.id, e164: from, origin: "ASSIGNED", smsEnabled: true, messagingSegmentsPerSecond: 100 } });
    for (let i = 0; i < 3; i++) await createMessage(t.actor, { to: `+1415555017${i}`, from, body: `m${i}` }, { surface: "native" });
    const sent: string[] = [];
    const provider: MessagingProvider = {
      name: "twilio",
      send: async (m) => {
        sent.push(m.body);
        return { outcome: "accepted", providerMessageId: newSid("SM") };
      },
    };
    const fn = createSendMessagesFunction({ resolveProvider: async () => ({ provider, credentialSource: "platform", statusCallbackUrl: "https://irisx.test/status" }) });
    const run = () => new InngestTestEngine({ function: fn }).execute({ events: [{ name: "message/send.requested", data: {} }] });
    expect((await run()).result).toEqual({ sent: 3, retried: 0, failed: 0, callbacks: 0 });
    expect((await run()).result).toEqual({ sent: 0, retried: 0, failed: 0, callbacks: 0 });
    expect(sent.sort()).toEqual(["m0", "m1", "m2"]);
    expect(await db.message.count({ where: { tenantId: t.tenant.id, status: "SENT" } })).toBe(3);
  });
});
