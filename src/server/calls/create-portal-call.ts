import { db } from "@/server/db";
import { recordMilestone } from "@/server/onboarding/record-milestone";
import type { Actor } from "@/server/tenancy";
import type { CallView } from "@/server/calls/call-view";
import type { TCreateCallInput } from "@/server/calls/calls.schemas";
import { createCall } from "@/server/calls/create-call";

/**
 * A call placed from the portal (the "Make a test call" form): an ordinary native call, which also ticks the
 * getting-started `test_call_made` step. The tick is an idempotent upsert after the call committed; should it
 * fail, the call stands and the next portal call ticks it.
 */
export async function createPortalCall(actor: Actor, input: TCreateCallInput): Promise<CallView> {
  const call = await createCall(actor, input, { surface: "native" });
  await recordMilestone(db, actor.tenantId, "test_call_made");
  return call;
}
