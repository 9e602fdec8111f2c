import { db } from "@/server/db";
import type { Actor } from "@/server/tenancy";
import { findRecordings } from "@/server/recordings/find-recordings";
import type { RecordingView } from "@/server/recordings/recording-view";
import { ZCallIdInput, type TCallIdInput } from "@/server/calls/calls.schemas";
import { loadTenantCall } from "@/server/calls/get-call";

/** A call's recordings (oldest first, as they were made); another tenant's call is NOT_FOUND. */
export async function findCallRecordings(actor: Actor, input: TCallIdInput): Promise<RecordingView[]> {
  const { callId } = ZCallIdInput.parse(input);
  await loadTenantCall(db, actor.tenantId, callId);
  const page = await findRecordings(actor, { callId, limit: 100 });
  return page.items.reverse();
}
