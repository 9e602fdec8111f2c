// A dial's targets as the bridge application's argument. Every value placed in it is checked by its grammar first
// (numbers, SIP URIs, credentials, caller IDs, uuids): the switch expands the whole argument, and `,`, `|`, `[`, `]`,
// `{`, `}`, `$` and spaces would change what it dials. Each leg names its own uuid and call id, so its events reach
// the worker as a call of their own (a child call with its own record and bill).
import type { DialTarget } from "@/server/voice-documents/interpreter/commands";
import type { SwitchApplication } from "./switch-commands";

export class DialTargetError extends Error {
  /** Twilio 13223: Dial: Invalid phone number format (used for SIP URIs too). */
  readonly code = 13223;
}

export interface DialLeg {
  uuid: string;
  callId: string;
  tenantId: string;
  /** Number: sofia/gateway/<gateway>/<number>; SIP: sofia/external/<user>@<host>. */
  target: Extract<DialTarget, { kind: "number" } | { kind: "sip" }>;
  callerId: string;
  timeoutSeconds: number;
  gateway: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CALL_ID = /^CA[0-9a-f]{32}$/;
const TENANT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const NUMBER = /^\+?[0-9]{3,15}$/;
const CALLER_ID = /^\+?[0-9A-Za-z]{1,32}$/;
const GATEWAY = /^[A-Za-z0-9_.-]{1,64}$/;
const SIP_URI = /^sips?:(?:([A-Za-z0-9_.+-]{1,64})@)?([A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?(?:;transport=(udp|tcp|tls))?$/i;
const CREDENTIAL = /^[A-Za-z0-9._~!*+-]{1,128}$/;

/** A number as the dial string carries it (a `+` and digits), or a DialTargetError naming it. */
export function dialNumber(raw: string): string {
  const compact = raw.replace(/[\s().-]/g, "");
  if (!NUMBER.test(compact)) throw new DialTargetError(`${raw} is not a phone number`);
  return compact;
}

/** A SIP URI this platform hands the switch (sip:user@host[:port][;transport=…]), or a DialTargetError. */
export function checkedSipUri(uri: string): string {
  if (!SIP_URI.test(uri)) throw new DialTargetError(`${uri} is not a SIP URI this platform sends (sip:user@host[:port][;transport=udp|tcp|tls])`);
  return uri;
}

/** `sip:alice@example.com:5080;transport=tcp` → `alice@example.com:5080;transport=tcp`. */
export function sipDestination(uri: string): string {
  const m = SIP_URI.exec(uri.trim());
  if (!m) throw new DialTargetError(`${uri} is not a SIP URI this platform dials (sip:user@host[:port][;transport=udp|tcp|tls])`);
  const [, user, host, port, transport] = m;
  return `${user ? user + "@" : ""}${host}${port ? ":" + port : ""}${transport ? ";transport=" + transport.toLowerCase() : ""}`;
}

function legString(leg: DialLeg): string {
  if (!UUID.test(leg.uuid) || !CALL_ID.test(leg.callId) || !TENANT_ID.test(leg.tenantId)) throw new Error("not a leg this worker created");
  if (!CALLER_ID.test(leg.callerId)) throw new DialTargetError(`${leg.callerId} is not a caller ID`);
  const vars = [
    `origination_uuid=${leg.uuid}`,
    `irisx_call_id=${leg.callId}`,
    `irisx_tenant_id=${leg.tenantId}`,
    `leg_timeout=${Math.max(1, Math.round(leg.timeoutSeconds))}`,
    `origination_caller_id_number=${leg.callerId}`,
    `origination_caller_id_name=${leg.callerId}`,
    // A bridged leg offers only the caller's codec unless told otherwise (switch_core_media_prepare_codecs: the
    // originator's codec), and a far end that answers with another gets INCOMPATIBLE_DESTINATION (found on the real
    // switch): offer the profile's codecs after the caller's, the switch transcodes.
    "media_mix_inbound_outbound_codecs=true",
  ];
  const { target } = leg;
  if (target.kind === "number") {
    if (!GATEWAY.test(leg.gateway)) throw new Error(`not a gateway name: ${leg.gateway}`);
    return `[${vars.join(",")}]sofia/gateway/${leg.gateway}/${dialNumber(target.number)}`;
  }
  if (target.username !== null) {
    if (!CREDENTIAL.test(target.username) || (target.password !== null && !CREDENTIAL.test(target.password))) {
      throw new DialTargetError("the SIP username and password may hold letters, digits and . _ ~ ! * + - only");
    }
    vars.push(`sip_auth_username=${target.username}`);
    if (target.password !== null) vars.push(`sip_auth_password=${target.password}`);
  }
  return `[${vars.join(",")}]sofia/external/${sipDestination(target.uri)}`;
}

/** bridge: the legs ring at once (`,`) or one after another (`|`). */
export function bridgeApplication(legs: DialLeg[], sequential: boolean): SwitchApplication {
  if (legs.length === 0) throw new Error("a bridge needs a leg");
  return { app: "bridge", arg: legs.map(legString).join(sequential ? "|" : ",") };
}
