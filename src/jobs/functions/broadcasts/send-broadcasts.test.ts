// The Inngest function run in-process with @inngest/test: it sends every queued recipient in paced steps, and a
// second run (the next cron tick, a retried run) finds nothing left and sends nothing.
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { createSendBroadcastsFunction } from "@/jobs/functions/broadcasts/send-broadcasts";
import { sendBroadcast } from "@/server/broadcasts/send-broadcast";
import { db } from "@/server/db";
import { draftTo, staffMember, tenantsOnOwnPlan } from "@/test/broadcast-fixtures";

describe("send-broadcasts", () => {
  it("mails a sent broadcast's recipients once, however often it runs", async () => {
    const { actor } = await staffMember();
    const { segment, emails } = await tenantsOnOwnPlan(5);
    const draft = await draftTo(actor, segment);
    await sendBroadcast(actor, { broadcastId: draft.id });

    const run = () => new InngestTestEngine({ function: createSendBroadcastsFunction({ batchSize: 2, requestsPerSecond: 50 }) }).execute({ events: [{ name: "broadcast/send.requested", data: {} }] });
    expect((await run()).result).toEqual({ requests: 3, accepted: 5, failed: 0 });
    expect((await run()).result).toEqual({ requests: 0, accepted: 0, failed: 0 });

    expect(await db.emailMessage.count({ where: { to: { in: emails } } })).toBe(5);
    expect(await db.broadcast.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "SENT", completedAt: expect.any(Date) });
  });
});
