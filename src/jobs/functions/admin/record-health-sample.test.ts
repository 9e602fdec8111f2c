import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { recordHealthSampleCron } from "@/jobs/functions/admin/record-health-sample";
import { db } from "@/server/db";

describe("record-health-sample", () => {
  it("samples the minute it was scheduled for, once however often it runs", async () => {
    const scheduledAt = Date.parse("2026-05-01T10:02:00Z");
    const run = () => new InngestTestEngine({ function: recordHealthSampleCron }).execute({ events: [{ name: "inngest/scheduled.timer", data: {}, ts: scheduledAt }] });
    expect((await run()).result).toEqual({ recorded: true, pruned: 0 });
    expect((await run()).result).toEqual({ recorded: false, pruned: 0 });
    expect((await db.healthSample.findMany()).map((s) => s.minute)).toEqual([new Date(scheduledAt)]);
  });
});
