import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { getOnboardingChecklist } from "@/server/onboarding/get-onboarding-checklist";
import { MILESTONES, recordMilestone } from "@/server/onboarding/record-milestone";
import { createTestTenant } from "@/test/factories";

describe("getOnboardingChecklist", () => {
  it("lists the five milestones in order, each with a link, ticking only this tenant's", async () => {
    const { tenant } = await createTestTenant();
    const other = await createTestTenant();
    await recordMilestone(db, other.tenant.id, "api_key_created");
    await recordMilestone(db, tenant.id, "teammate_invited");
    await recordMilestone(db, tenant.id, "teammate_invited");

    const checklist = await getOnboardingChecklist(tenant.id);
    expect(checklist.steps.map((s) => s.key)).toEqual([...MILESTONES]);
    expect(checklist.steps.every((s) => s.href.startsWith("/"))).toBe(true);
    expect(checklist.steps.filter((s) => s.done).map((s) => s.key)).toEqual(["teammate_invited"]);
    expect(checklist).toMatchObject({ completed: 1, total: 5 });
  });
});
