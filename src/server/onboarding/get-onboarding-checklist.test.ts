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

    const checklist = await getOnboardingChecklist(tenant.id, "OWNER");
    expect(checklist.steps.map((s) => s.key)).toEqual([...MILESTONES]);
    expect(checklist.steps.every((s) => s.href.startsWith("/"))).toBe(true);
    expect(checklist.steps.filter((s) => s.done).map((s) => s.key)).toEqual(["teammate_invited"]);
    expect(checklist).toMatchObject({ completed: 1, total: 5 });
    expect(checklist.steps.every((s) => s.actionable)).toBe(true);
  });

  it("offers a supervisor only the steps its role can take, and says who can take the others", async () => {
    const { tenant } = await createTestTenant();
    const steps = (await getOnboardingChecklist(tenant.id, "SUPERVISOR")).steps;
    expect(steps.filter((s) => s.actionable).map((s) => s.key)).toEqual(["email_verified", "test_call_made"]);
    expect(steps.find((s) => s.key === "api_key_created")!.whoCan).toBe("An admin or a developer can do this");
    expect(steps.find((s) => s.key === "number_added")!.whoCan).toBe("An admin can do this");
  });
});
