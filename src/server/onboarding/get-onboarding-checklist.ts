import type { MemberRole } from "@/generated/prisma/enums";
import { API_KEY_ROLE } from "@/server/api-keys/api-key-view";
import { CALL_WRITE_ROLE } from "@/server/calls/call-view";
import { db } from "@/server/db";
import { PHONE_NUMBER_ADMIN_ROLE } from "@/server/numbers/phone-number-view";
import { MILESTONES, type MilestoneKey } from "@/server/onboarding/record-milestone";
import { roleSatisfies, type RoleRule } from "@/server/tenancy";

/** Each step with the role its action needs: a member whose role cannot take it sees who can, not a button that fails. */
const STEPS: Record<MilestoneKey, { title: string; description: string; href: string; cta: string; rule: RoleRule }> = {
  email_verified: { title: "Verify your email", description: "Confirm your address so we can reach you about your account.", href: "/settings/general", cta: "Resend link", rule: { minRole: "AGENT" } },
  number_added: { title: "Get a phone number", description: "Buy a number to place and receive calls (or verify one you own to call from it).", href: "/numbers", cta: "Get a number", rule: PHONE_NUMBER_ADMIN_ROLE },
  test_call_made: { title: "Make a test call", description: "Place a call from the portal and watch it progress live.", href: "/calls", cta: "Make a call", rule: CALL_WRITE_ROLE },
  api_key_created: { title: "Create an API key", description: "Keys let your backend call the IRISX API.", href: "/settings/api-keys", cta: "Create key", rule: API_KEY_ROLE },
  teammate_invited: { title: "Invite a teammate", description: "Bring in agents, supervisors or developers.", href: "/settings/team", cta: "Invite", rule: { minRole: "ADMIN" } },
};

function whoCan(rule: RoleRule): string {
  const names: Record<MemberRole, string> = { OWNER: "an owner", ADMIN: "an admin", SUPERVISOR: "a supervisor", DEVELOPER: "a developer", AGENT: "any member" };
  return [names[rule.minRole], ...(rule.alsoAllow ?? []).map((r) => names[r])].join(" or ");
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export async function getOnboardingChecklist(tenantId: string, role: MemberRole) {
  const done = await db.tenantMilestone.findMany({ where: { tenantId }, select: { key: true, achievedAt: true } });
  const achieved = new Map(done.map((m) => [m.key, m.achievedAt]));
  const steps = MILESTONES.map((key) => {
    const { rule, ...step } = STEPS[key];
    const actionable = roleSatisfies(role, rule);
    return { key, ...step, actionable, whoCan: actionable ? null : `${capitalise(whoCan(rule))} can do this`, done: achieved.has(key), achievedAt: achieved.get(key) ?? null };
  });
  return { steps, completed: steps.filter((s) => s.done).length, total: steps.length };
}
