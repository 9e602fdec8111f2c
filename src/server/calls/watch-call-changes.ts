import { z } from "zod";
import type { CallStatus } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";
import { callChangeFeed } from "@/server/calls/call-change-feed";
import { CALL_READ_ROLE } from "@/server/calls/call-view";
import { ZCallId } from "@/server/calls/calls.schemas";
import { loadTenantCall } from "@/server/calls/get-call";

export const ZWatchCallChangesInput = z.object({ callId: ZCallId.optional() }).default({});
export type TWatchCallChangesInput = z.input<typeof ZWatchCallChangesInput>;

/** `changed`: re-read this call. `resync`: changes may have been missed, re-read everything shown. */
export type CallChangeEvent = { kind: "changed"; callId: string; status: CallStatus } | { kind: "resync" };

/**
 * Live changes of the actor's tenant's calls (or of one call) until `signal` aborts. Permission and the call's
 * tenant are checked before the stream starts, so another tenant's call id fails as NOT_FOUND up front.
 */
export async function watchCallChanges(actor: Actor, input: TWatchCallChangesInput, signal: AbortSignal): Promise<AsyncIterable<CallChangeEvent>> {
  assertRole(actor, CALL_READ_ROLE);
  const { callId } = ZWatchCallChangesInput.parse(input);
  if (callId) await loadTenantCall(db, actor.tenantId, callId);
  const feed = callChangeFeed();
  return (async function* () {
    for await (const event of feed.subscribe(actor.tenantId, signal)) {
      if (event.kind === "resync") yield { kind: "resync" } as const;
      else if (!callId || event.callId === callId) yield { kind: "changed", callId: event.callId, status: event.status } as const;
    }
  })();
}
