import { db } from "@/server/db";
import { MILESTONES, type MilestoneKey } from "@/server/onboarding/record-milestone";

const STEPS: Record<MilestoneKey, { title: string; description: string; href: string; cta: string }> = {
  email_verified: { title: "Verify your email", description: "Confirm your address so we can reach you about your account.", href: "/settings/general", cta: "Resend link" },
  number_added: { title: "Add a phone number", description: "Add a number you hold at your carrier to place and receive calls.", href: "/numbers", cta: "Add number" },
  test_call_made: { title: "Make a test call", description: "Place a call from the portal and watch it progress live.", href: "/calls", cta: "Make a call" },
  api_key_created: { title: "Create an API key", description: "Keys let your backend call the IRISX API.", href: "/settings/api-keys", cta: "Create key" },
  teammate_invited: { title: "Invite a teammate", description: "Bring in agents, supervisors or developers.", href: "/settings/team", cta: "Invite" },
};

export async function getOnboardingChecklist(tenantId: string) {
  const done = await db.tenantMilestone.findMany({ where: { tenantId }, select: { key: true, achievedAt: true } });
  const achieved = new Map(done.map((m) => [m.key, m.achievedAt]));
  const steps = MILESTONES.map((key) => ({ key, ...STEPS[key], done: achieved.has(key), achievedAt: achieved.get(key) ?? null }));
  return { steps, completed: steps.filter((s) => s.done).length, total: steps.length };
}
