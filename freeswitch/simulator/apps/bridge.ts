// bridge <dialstring>: rings the B legs and bridges the first that answers, as mod_dptools' bridge and
// switch_ivr_originate do (fixture 21, FreeSWITCH 1.10.12):
//   {a=b,…} variables for every leg, [a=b,…] before a target for that leg (origination_uuid, irisx_call_id…: the B
//   leg's own variables from its CHANNEL_CREATE on, with Other-Type originator); `,` rings targets at once (the
//   losers hang up with LOSE_RACE), `|` tries groups one after another; [leg_timeout=N] ends that leg with
//   ALLOTTED_TIMEOUT, the A leg's call_timeout (else originate_timeout, else 60 s) with NO_ANSWER.
// The Application-Response is always `_none_`; the outcome is in the A leg's variables: DIALSTATUS,
// originate_disposition, originate_failed_cause, originate_causes, originated_legs, originate_signal_bond,
// last_bridge_hangup_cause, last_bridge_proto_specific_hangup_cause, sip_invite_failure_status/_phrase; once
// answered DIALSTATUS/originate_disposition SUCCESS, bridge_uuid, bridge_channel, last_bridge_to, signal_bond,
// last_sent_callee_id_*, and after the bridge bridge_hangup_cause. A failure hangs the A leg up with its cause unless
// continue_on_fail is true or lists the cause; after a bridge the A leg goes on unless hangup_after_bridge is true.
import type { Channel } from "../channel.ts";
import { parseDialString, splitVars, type DialTarget } from "../dial-string.ts";
import type { OriginateResult, SimSwitch } from "../switch.ts";
import { isTrue, type SimApp } from "./context.ts";

interface BridgeTarget {
  vars: Map<string, string>;
  dest: DialTarget;
}

/** FreeSWITCH's DIALSTATUS for a failed originate's cause (switch_ivr_originate.c). */
const DIALSTATUS: Record<string, string> = {
  ORIGINATOR_CANCEL: "CANCEL", USER_BUSY: "BUSY", NO_ANSWER: "NOANSWER", DESTINATION_OUT_OF_ORDER: "INVALIDARGS",
  INVALID_PROFILE: "INVALIDARGS", CALL_REJECTED: "DONTCALL",
};

const SIP_STATUS: Record<string, [number, string]> = {
  USER_BUSY: [486, "Busy Here"], CALL_REJECTED: [603, "Decline"], UNALLOCATED_NUMBER: [404, "Not Found"],
  NORMAL_TEMPORARY_FAILURE: [503, "Service Unavailable"],
};

export const bridge: SimApp = async ({ sw, ch, arg, aborted }) => {
  const groups = parseBridgeTargets(arg);
  if (!groups) {
    ch.setVar("originate_disposition", "INVALID_GATEWAY");
    return undefined;
  }
  let cancelled = false;
  void aborted.then(() => { cancelled = true; });
  let failure = "NO_ANSWER";
  let lastLeg: string | undefined;
  for (const group of groups) {
    if (cancelled || ch.hungUp) break;
    const outcome = await ringGroup(sw, ch, group, aborted);
    lastLeg = outcome.lastLeg ?? lastLeg;
    if (outcome.answered) {
      // A caller not answered yet is answered by the called party's answer (answerOnBridge; switch_ivr_originate).
      if (ch.direction === "inbound" && ch.answerState !== "answered") sw.answerInbound(ch);
      await stayBridged(sw, ch, outcome.answered, aborted);
      return undefined;
    }
    failure = outcome.cause;
  }
  if (cancelled || ch.hungUp) failure = "ORIGINATOR_CANCEL";
  if (lastLeg) ch.setVar("originate_signal_bond", lastLeg);
  const sip = SIP_STATUS[failure];
  if (sip) {
    ch.setVar("sip_invite_failure_status", String(sip[0]));
    ch.setVar("sip_invite_failure_phrase", sip[1]);
    ch.setVar("last_bridge_proto_specific_hangup_cause", `sip:${sip[0]}`);
  }
  ch.setVar("last_bridge_hangup_cause", failure);
  ch.setVar("originate_disposition", failure);
  ch.setVar("DIALSTATUS", DIALSTATUS[failure] ?? failure);
  ch.setVar("originate_failed_cause", failure);
  if (!ch.hungUp && !continuesOnFail(ch.getVar("continue_on_fail"), failure)) {
    sw.hangup(ch, { cause: failure, disposition: "send_bye" });
  }
  return undefined;
};

function continuesOnFail(value: string | undefined, cause: string): boolean {
  if (!value) return false;
  if (isTrue(value)) return true;
  return value.split(",").map((c) => c.trim()).includes(cause);
}

/** Rings one `,` group; resolves with the leg that answered, or the failure cause (the last leg's to fail). */
async function ringGroup(sw: SimSwitch, a: Channel, group: BridgeTarget[], aborted: Promise<void>):
  Promise<{ answered?: Channel; cause: string; lastLeg?: string }> {
  const legs: Channel[] = [];
  const callTimeout = Number(a.getVar("call_timeout")) || undefined;
  return new Promise((resolve) => {
    let pending = group.length;
    let done = false;
    let cause = "NO_ANSWER";
    let lastLeg: string | undefined;
    const settle = (r: { answered?: Channel; cause: string }) => {
      if (done) return;
      done = true;
      for (const leg of legs) {
        if (leg !== r.answered && !leg.hungUp) {
          sw.hangup(leg, { cause: r.answered ? "LOSE_RACE" : "ORIGINATOR_CANCEL", disposition: "send_cancel" });
        }
      }
      resolve({ ...r, lastLeg });
    };
    void aborted.then(() => settle({ cause: "ORIGINATOR_CANCEL" }));
    for (const target of group) {
      const legTimeout = Number(target.vars.get("leg_timeout")) || undefined;
      const timeoutSeconds = legTimeout ?? callTimeout ?? (Number(target.vars.get("originate_timeout")) || 60);
      const leg = sw.originateLeg({
        vars: target.vars, dest: target.dest, originator: a, timeoutSeconds,
        timeoutCause: legTimeout ? "ALLOTTED_TIMEOUT" : "NO_ANSWER",
      }, (r: OriginateResult) => {
        const answered = r.ok && r.uuid ? sw.channels.get(r.uuid) : undefined;
        if (answered && target.vars.get("group_confirm_key") === "exec") {
          // Held for its confirmation: bridged once it ends with the leg up, a failed leg if the leg hung up.
          void confirmLeg(sw, answered, target.vars.get("group_confirm_file") ?? "").then((up) => {
            if (up) return settle({ answered, cause: "SUCCESS" });
            cause = answered.hangupCause ?? "NORMAL_CLEARING";
            pushVar(a, "originate_causes", `${answered.uuid};${cause}`);
            if (--pending === 0) settle({ cause });
          });
          return;
        }
        if (answered) return settle({ answered, cause: "SUCCESS" });
        cause = r.reply.replace(/^-ERR |\n$/g, "");
        if (leg) pushVar(a, "originate_causes", `${leg.uuid};${cause}`);
        if (--pending === 0) settle({ cause });
      });
      if (!leg) {
        if (--pending === 0) settle({ cause: "DESTINATION_OUT_OF_ORDER" });
        continue;
      }
      legs.push(leg);
      lastLeg = leg.uuid;
      pushVar(a, "originated_legs", `${leg.uuid};Outbound Call;${target.dest.number}`);
    }
  });
}

/**
 * [group_confirm_key=exec,group_confirm_file=<app> <arg>]: switch_ivr_originate's collect thread runs the app on the
 * answered leg before the bridge. Only `sleep` is simulated: the applications sent to the leg meanwhile run (the
 * sleep loop parses them), uuid_break ends it. True when the leg is still up afterwards (it wins the originate).
 */
async function confirmLeg(sw: SimSwitch, leg: Channel, file: string): Promise<boolean> {
  const sim = sw.simOf(leg);
  const [app, arg] = file.split(" ");
  if (!sim || app !== "sleep") {
    sw.hangup(leg, { cause: "DESTINATION_OUT_OF_ORDER", disposition: "send_bye" });
    return false;
  }
  await new Promise<void>((resolve) => {
    sim.confirmBreak = resolve;
    sim.onDestroyed.push(resolve);
    sw.after(Number(arg) / 1000 || 0, resolve, leg);
  });
  sim.confirmBreak = undefined;
  return !leg.hungUp;
}

/** CHANNEL_BRIDGE until either side hangs up: CHANNEL_UNBRIDGE, then the A leg goes on (or hangs up). */
async function stayBridged(sw: SimSwitch, a: Channel, b: Channel, aborted: Promise<void>): Promise<void> {
  // An unanswered caller is answered when its callee answers (switch_ivr_originate's bridge).
  if (a.direction === "inbound" && a.answerState !== "answered") sw.answerInbound(a);
  a.setVar("originate_disposition", "SUCCESS");
  a.setVar("DIALSTATUS", "SUCCESS");
  a.setVar("last_bridge_to", b.uuid);
  a.setVar("bridge_channel", b.name);
  a.setVar("bridge_uuid", b.uuid);
  a.setVar("signal_bond", b.uuid);
  a.setVar("last_sent_callee_id_name", "Outbound Call");
  a.setVar("last_sent_callee_id_number", b.profile?.destinationNumber);
  a.otherLeg = { type: "originatee", channel: b };
  b.otherLeg = { type: "originator", channel: a };
  const now = sw.nowUs();
  a.times.bridged = now;
  b.times.bridged = now;
  const ids = ["Bridge-A-Unique-ID", a.uuid, "Bridge-B-Unique-ID", b.uuid];
  sw.emit(a, "CHANNEL_BRIDGE", "CHANNEL_BRIDGE", ids);
  const bGone = new Promise<void>((resolve) => sw.simOf(b)?.onDestroyed.push(resolve) ?? resolve());
  // uuid_transfer of B: it leaves the bridge alive (switch_ivr_uuid_transfer breaks the bridge of both legs).
  const bSim = sw.simOf(b);
  const transferred = new Promise<"transferred">((resolve) => {
    if (bSim) bSim.leaveBridge = () => resolve("transferred");
  });
  const how = await Promise.race([bGone, aborted, transferred]);
  if (bSim) bSim.leaveBridge = undefined;
  if (how === "transferred") b.otherLeg = undefined;
  else if (!b.hungUp) sw.hangup(b, { cause: "NORMAL_CLEARING", disposition: "send_bye" });
  const cause = b.hangupCause ?? "NORMAL_CLEARING";
  a.setVar("last_bridge_hangup_cause", cause);
  a.setVar("last_bridge_proto_specific_hangup_cause", "sip:200");
  a.setVar("bridge_hangup_cause", cause);
  sw.emit(a, "CHANNEL_UNBRIDGE", "CHANNEL_UNBRIDGE", ids);
  a.otherLeg = undefined;
  if (!a.hungUp && isTrue(a.getVar("hangup_after_bridge"))) sw.hangup(a, { cause: "NORMAL_CLEARING", disposition: "send_bye" });
}

/** switch_channel_add_variable_var_check with a push: `ARRAY::first|:second…`. */
function pushVar(ch: Channel, name: string, value: string): void {
  const old = ch.getVar(name);
  if (!old) ch.setVar(name, value);
  else ch.setVar(name, old.startsWith("ARRAY::") ? `${old}|:${value}` : `ARRAY::${old}|:${value}`);
}

/** `{globals}[leg vars]target,[…]target|[…]target` → groups rung one after another, targets of a group at once. */
export function parseBridgeTargets(text: string): BridgeTarget[][] | undefined {
  let rest = text.trim();
  const globals = new Map<string, string>();
  if (rest.startsWith("{")) {
    const end = rest.indexOf("}");
    if (end < 0) return undefined;
    readVars(rest.slice(1, end), globals);
    rest = rest.slice(end + 1);
  }
  const groups: BridgeTarget[][] = [];
  for (const groupText of splitTop(rest, "|")) {
    const group: BridgeTarget[] = [];
    for (const targetText of splitTop(groupText, ",")) {
      let t = targetText.trim();
      const vars = new Map(globals);
      if (t.startsWith("[")) {
        const end = t.indexOf("]");
        if (end < 0) return undefined;
        readVars(t.slice(1, end), vars);
        t = t.slice(end + 1);
      }
      const dest = parseDialString(t);
      if (!dest) return undefined;
      group.push({ vars, dest });
    }
    if (group.length) groups.push(group);
  }
  return groups.length ? groups : undefined;
}

function readVars(text: string, into: Map<string, string>): void {
  for (const pair of splitVars(text)) {
    const eq = pair.indexOf("=");
    if (eq > 0) into.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).replace(/^'(.*)'$/, "$1"));
  }
}

/** Splits on `sep` outside [] and {}. */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of s) {
    if (c === "[" || c === "{") depth++;
    if (c === "]" || c === "}") depth--;
    if (c === sep && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  if (cur.trim()) out.push(cur);
  return out;
}

/**
 * uuid_bridge A B: CHANNEL_BRIDGE; when one leg hangs up the other gets CHANNEL_UNBRIDGE and is hung up (fixture 09),
 * unless it has park_after_bridge=true: then it stays, parked, and takes applications again.
 */
export function bridgeLegs(sw: SimSwitch, a: Channel, b: Channel): void {
  a.otherLeg = { type: "originatee", channel: b };
  b.otherLeg = { type: "originator", channel: a };
  const now = sw.nowUs();
  a.times.bridged = now;
  b.times.bridged = now;
  a.setVar("bridge_to", b.uuid);
  b.setVar("bridge_to", a.uuid);
  sw.emit(a, "CHANNEL_BRIDGE", "CHANNEL_BRIDGE", ["Bridge-A-Unique-ID", a.uuid, "Bridge-B-Unique-ID", b.uuid]);
  const end = (other: Channel) => () => {
    if (a.otherLeg === undefined) return;
    sw.emit(a, "CHANNEL_UNBRIDGE", "CHANNEL_UNBRIDGE", ["Bridge-A-Unique-ID", a.uuid, "Bridge-B-Unique-ID", b.uuid]);
    a.otherLeg = undefined;
    b.otherLeg = undefined;
    if (!isTrue(other.getVar("park_after_bridge"))) sw.hangup(other, { cause: "NORMAL_CLEARING", disposition: "send_bye" });
  };
  sw.simOf(a)?.onDestroyed.push(end(b));
  sw.simOf(b)?.onDestroyed.push(end(a));
}
