// A dialled leg's own document (<Number url>, <Sip url>, <Client url>) and machineDetection run on the called party
// after it answers and before it is bridged to the caller. The switch holds such a leg with the originate's
// per-leg confirmation (switch_ivr_originate.c, collect_thread_run): `group_confirm_key=exec` runs
// `group_confirm_file` (here `sleep`) on the answered leg in its own thread, and bridges the leg only once that
// returns with the leg still up. While the sleep runs the leg takes the worker's sendmsg applications (the sleep
// loop parses them, as park does), so the leg's document runs like any call's; `uuid_break` ends the sleep (the leg
// is connected) and a hang-up declines it. group_confirm_timeout=0 lifts the leg's ring timeout once it answered.
import type { DialCommand } from "@/server/voice-documents/interpreter/commands";
import type { StoredMachineDetection } from "@/server/calls/machine-detection";
import { newTrackedChannel } from "../channel-table";
import type { DialLeg } from "./dial-strings";
import type { SessionOps } from "./session-ops";

/** The longest a leg is held for its document; past it the switch bridges it whatever the document is doing. */
export const WHISPER_HOLD_SECONDS = 300;

/** The leg's variables that make the switch hold it when it answers (dial-strings.ts adds them). */
export const WHISPER_LEG_VARIABLES = ["group_confirm_key=exec", `group_confirm_file=sleep ${WHISPER_HOLD_SECONDS * 1000}`, "group_confirm_timeout=0"];

/** Ends the hold on a leg whose document has run to its end: the switch bridges it. */
export function releaseWhisperedLeg(uuid: string): string {
  if (!/^[0-9a-f-]{36}$/.test(uuid)) throw new Error("not a channel uuid");
  return `uuid_break ${uuid}`;
}

type DialledTarget = Extract<DialCommand["targets"][number], { kind: "number" } | { kind: "sip" } | { kind: "client" }>;

/** Whether the leg is held when it answers: it has a document, or answering-machine detection to run first. */
export function isHeldLeg(target: DialledTarget): boolean {
  return target.answerUrl !== null || (target.kind !== "client" && target.machineDetection !== null);
}

/** The leg's answering-machine detection as calls store it (synchronous: its document starts after the verdict). */
export function legMachineDetection(target: DialledTarget): StoredMachineDetection | null {
  if (target.kind === "client" || !target.machineDetection) return null;
  const m = target.machineDetection;
  return {
    mode: m.mode,
    timeoutMs: m.timeoutSeconds * 1000,
    speechThresholdMs: m.speechThresholdMs,
    speechEndThresholdMs: m.speechEndThresholdMs,
    silenceTimeoutMs: m.silenceTimeoutMs,
    async: false,
    callback: m.statusCallback,
  };
}

/** Tracks a held leg before it rings, so its answer starts its detection and document (call-handler.ts). */
export function trackHeldLeg(s: SessionOps, leg: DialLeg, to: string): void {
  const target = leg.target;
  if (target.kind !== "number" && target.kind !== "sip" && target.kind !== "client") return;
  s.host.trackChannel(
    newTrackedChannel({
      uuid: leg.uuid,
      callId: leg.callId,
      tenantId: leg.tenantId,
      direction: "outbound",
      accountSid: s.channel.accountSid,
      from: leg.callerId,
      to,
      url: target.answerUrl?.url ?? null,
      urlMethod: target.answerUrl?.method ?? "POST",
      machineDetection: legMachineDetection(target),
      apiSurface: s.channel.apiSurface,
      whisperOf: s.channel.callId,
    }),
  );
}
