import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { purgeWebhookReceipts, WEBHOOK_RECEIPT_RETENTION_DAYS } from "@/server/messages/purge-webhook-receipts";

describe("purgeWebhookReceipts", () => {
  it("deletes receipts older than the retention in batches and keeps the recent ones", async () => {
    const now = new Date("2026-12-04T12:00:00Z");
    const old = new Date(now.getTime() - (WEBHOOK_RECEIPT_RETENTION_DAYS * 86_400_000 + 60_000));
    const recent = new Date(now.getTime() - (WEBHOOK_RECEIPT_RETENTION_DAYS * 86_400_000 - 60_000));
    await db.messagingWebhookReceipt.createMany({
      data: [
        ...Array.from({ length: 7 }, (_, i) => ({ provider: "twilio", eventKey: `purge-old-${i}`, receivedAt: old })),
        { provider: "telnyx", eventKey: "purge-recent", receivedAt: recent },
      ],
    });
    expect(await purgeWebhookReceipts({ now, batchSize: 3 })).toBe(7);
    const left = await db.messagingWebhookReceipt.findMany({ where: { eventKey: { startsWith: "purge-" } } });
    expect(left.map((r) => r.eventKey)).toEqual(["purge-recent"]);
    expect(await purgeWebhookReceipts({ now })).toBe(0);
  });
});
