// The legs a <Dial> rings, as calls of their own (Twilio's child calls): direction outbound-dial, the parent's id,
// each with the channel uuid the worker gives its leg of the bridge, initiated now on this switch and claimed by the
// worker. Their switch events then move them through ringing, in-progress and their end like any call, each with its
// own record and bill. The caller ID must be the parent call's own From or To, one of the tenant's numbers, or a
// caller ID the tenant verified; anything else is refused (Twilio 13214, Dial: invalid callerId). A leg with its own
// statusCallback (`<Number statusCallback statusCallbackEvent>`) has it on its row: the durable callback sender posts
// its initiated/ringing/answered/completed as for any call, in the parent's API form.
import type { StoredMachineDetection } from "@/server/calls/machine-detection";
import { Prisma } from "@/generated/prisma/client";
import { callTransaction, writeCallTransitions } from "@/server/calls/call-transitions";
import { CALL_VIEW_INCLUDE, toCallView } from "@/server/calls/call-view";
import { newSid } from "@/server/shared/ids";

export interface CreateDialLegsInput {
  parentCallId: string;
  tenantId: string;
  switchId: string;
  workerId: string;
  callerId: string;
  timeoutSeconds: number;
  timeLimitSeconds: number | null;
  /** Each leg's own status callback (`<Number statusCallback>`), sent like any call's: the leg's CallSid, ParentCallSid. */
  legs: {
    to: string;
    channelUuid: string;
    statusCallback?: { url: string; method: string; events: string[] } | null;
    /** `<Number machineDetection>`: run on the leg when it answers, before its whisper and the bridge. */
    machineDetection?: StoredMachineDetection | null;
  }[];
}

export type CreateDialLegsResult = { ok: true; legs: { callId: string; channelUuid: string; to: string }[] } | { ok: false; code: number; message: string };

export async function createDialLegs(input: CreateDialLegsInput): Promise<CreateDialLegsResult> {
  return callTransaction(async (tx) => {
    const parent = await tx.call.findFirst({ where: { id: input.parentCallId, tenantId: input.tenantId }, include: { tenant: { select: { accountSid: true } } } });
    if (!parent) return { ok: false, code: 11200, message: "the call is gone" };
    if (input.callerId !== parent.from && input.callerId !== parent.to) {
      const [allowed] = await tx.$queryRaw<{ ok: boolean }[]>(Prisma.sql`
        SELECT EXISTS (SELECT 1 FROM "PhoneNumber" WHERE "tenantId" = ${input.tenantId} AND e164 = ${input.callerId})
            OR EXISTS (SELECT 1 FROM "CallerId" WHERE "tenantId" = ${input.tenantId} AND e164 = ${input.callerId} AND "verifiedAt" IS NOT NULL) AS ok`);
      if (!allowed?.ok) return { ok: false, code: 13214, message: `callerId ${input.callerId} is neither one of the account's numbers nor a verified caller ID` };
    }
    const now = new Date();
    const legs = input.legs.map((leg) => ({ ...leg, callId: newSid("CA") }));
    await tx.call.createMany({
      data: legs.map((leg) => ({
        id: leg.callId,
        tenantId: input.tenantId,
        parentCallId: parent.id,
        direction: "OUTBOUND_DIAL" as const,
        status: "INITIATED" as const,
        from: input.callerId,
        to: leg.to,
        switchId: input.switchId,
        channelUuid: leg.channelUuid,
        claimedBy: input.workerId,
        claimedAt: now,
        timeoutSeconds: input.timeoutSeconds,
        timeLimitSeconds: input.timeLimitSeconds,
        apiSurface: parent.apiSurface,
        currency: parent.currency,
        queuedAt: now,
        initiatedAt: now,
        eventSequence: 1,
        statusCallbackUrl: leg.statusCallback?.url ?? null,
        statusCallbackMethod: leg.statusCallback?.method ?? "POST",
        statusCallbackEvents: leg.statusCallback?.events ?? [],
        ...(leg.machineDetection ? { machineDetection: leg.machineDetection } : {}),
      })),
    });
    const rows = await tx.call.findMany({ where: { id: { in: legs.map((l) => l.callId) } }, include: CALL_VIEW_INCLUDE });
    await writeCallTransitions(
      tx,
      rows.map((row) => ({ call: toCallView(row), accountSid: parent.tenant.accountSid, type: "initiated" as const, status: "INITIATED" as const, at: now, sequence: 1, data: { parentCallId: parent.id } })),
    );
    return { ok: true, legs: legs.map((l) => ({ callId: l.callId, channelUuid: l.channelUuid, to: l.to })) };
  });
}
