// The worker's answering-machine verdict for a call, in one transaction: the call's answeredBy, a `machine_detected`
// entry on its timeline, and, when a callback was asked for (asynchronous detection, a dialled leg's
// amdStatusCallback), the AsyncAmdStatusCallback queued on the
// call (Twilio's form and names for Twilio-surface calls, signed JSON for native ones), sent by the callback sender
// in the call's callback order like every status callback.
import { callTransaction, writeCallTransitions } from "@/server/calls/call-transitions";
import { CALL_VIEW_INCLUDE, toCallResource, toCallView } from "@/server/calls/call-view";
import { readMachineDetection } from "@/server/calls/machine-detection";
import { newId } from "@/server/shared/ids";

export interface RecordMachineDetectionInput {
  callId: string;
  /** Twilio's AnsweredBy: human, machine_start, machine_end_beep, machine_end_silence, machine_end_other, fax, unknown. */
  answeredBy: string;
  /** ms from answer to the decision (Twilio's MachineDetectionDuration). */
  durationMs: number;
  reason: string;
  at: Date;
}

/** False when the call is unknown or its verdict was recorded already (so a retry after an unheard commit is harmless). */
export async function recordMachineDetection(input: RecordMachineDetectionInput): Promise<boolean> {
  return callTransaction(async (tx) => {
    // The call's row locked, then at most one verdict per call (the end of the call may have stored answeredBy first).
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Call" WHERE id = ${input.callId} FOR UPDATE`;
    if (!locked) return false;
    if (await tx.callEvent.findFirst({ where: { callId: input.callId, type: "machine_detected" }, select: { id: true } })) return false;
    await tx.call.update({ where: { id: input.callId }, data: { eventSequence: { increment: 1 }, answeredBy: input.answeredBy } });
    const row = await tx.call.findUniqueOrThrow({ where: { id: input.callId }, include: { ...CALL_VIEW_INCLUDE, tenant: { select: { accountSid: true } } } });
    const call = toCallView(row);
    const data = { answeredBy: input.answeredBy, machineDetectionDurationMs: input.durationMs, reason: input.reason };
    await writeCallTransitions(tx, [{ call, accountSid: row.tenant.accountSid, type: "machine_detected", status: null, at: input.at, sequence: row.eventSequence, data }]);
    const asked = readMachineDetection(row.machineDetection);
    // The API takes a callback only with asynchronous detection; a dialled leg's amdStatusCallback comes with the
    // synchronous detection that runs before its whisper.
    if (asked?.callback) {
      const twilio = row.apiSurface === "twilio";
      const params = twilio
        ? { CallSid: row.id, AccountSid: row.tenant.accountSid, AnsweredBy: input.answeredBy, MachineDetectionDuration: String(input.durationMs) }
        : { event: "call.machine_detected", call: toCallResource(call), answered_by: input.answeredBy, machine_detection_duration_ms: input.durationMs, timestamp: input.at.toISOString() };
      await tx.callbackDelivery.create({
        data: { id: newId("cbd"), tenantId: row.tenantId, callId: row.id, url: asked.callback.url, method: asked.callback.method, format: twilio ? "twilio" : "native", sequence: row.eventSequence, params },
      });
    }
    return true;
  });
}
