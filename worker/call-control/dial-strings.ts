// A dial's targets as the bridge application's argument. Every value placed in it is checked by its grammar first
// (numbers, SIP URIs, credentials, caller IDs, uuids): the switch expands the whole argument, and `,`, `|`, `[`, `]`,
// `{`, `}`, `$` and spaces would change what it dials. Each leg names its own uuid and call id, so its events reach
// the worker as a call of their own (a child call with its own record and bill).
import { WHISPER_HOLD_SECONDS, WHISPER_LEG_VARIABLES } from "./whisper";
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
  /** Number: sofia/gateway/<gateway>/<number>; SIP: sofia/external/<user>@<host>; client: its registration's contact. */
  target: Extract<DialTarget, { kind: "number" } | { kind: "sip" } | { kind: "client" }>;
  /** A client's SIP user (findClientAddress) and where it registered (`sofia_contact`'s dial string). */
  client?: { username: string; domain: string; contact: string };
  callerId: string;
  timeoutSeconds: number;
  gateway: string;
  /** Held when it answers until its own document has run (whisper.ts). */
  held?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CALL_ID = /^CA[0-9a-f]{32}$/;
const TENANT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const NUMBER = /^\+?[0-9]{3,15}$/;
const CALLER_ID = /^\+?[0-9A-Za-z]{1,32}$/;
const GATEWAY = /^[A-Za-z0-9_.-]{1,64}$/;
const SIP_URI = /^sips?:(?:([A-Za-z0-9_.+-]{1,64})@)?([A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?(?:;transport=(udp|tcp|tls))?$/i;
const CREDENTIAL = /^[A-Za-z0-9._~!*+-]{1,128}$/;
const SIP_USER = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const DOMAIN = /^[a-z0-9._-]{1,253}$/;
/** What `sofia_contact` answers for a registration this platform dials: sofia/<profile>/sip:user@host[:port][;k=v…]. */
// A browser's softphone registers over WebSocket behind the switch's NAT handling: its contact reads
// sofia/internal/sip:<user>@<random>.invalid;transport=ws;fs_nat=yes;fs_path=sip%3A<user>%40<ip>%3A<port>%3Btransport%3Dws
// (seen on FreeSWITCH 1.10.12), so a parameter's value may carry %-escapes; nothing that could end or extend the
// dial string (spaces, commas, brackets, quotes) is ever allowed.
const CONTACT = /^sofia\/[A-Za-z0-9_-]{1,64}\/sips?:[A-Za-z0-9._~+-]{1,64}@[A-Za-z0-9.:-]{1,253}(;[A-Za-z0-9_-]{1,32}=[A-Za-z0-9._%~+-]{1,256}){0,6}$/;
/** A <Client>'s <Parameter>: sent to the phone as an X- header (names and values from a safe alphabet). */
const PARAMETER_NAME = /^[A-Za-z0-9-]{1,32}$/;
const PARAMETER_VALUE = /^[A-Za-z0-9._~!*+@:/=-]{0,128}$/;

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
/** The api command that finds where a client's SIP user registered (its user and domain checked by their grammar). */
export function contactLookupCommand(address: { username: string; domain: string }): string {
  if (!SIP_USER.test(address.username) || !DOMAIN.test(address.domain)) throw new DialTargetError(`${address.username}@${address.domain} is not a SIP user this platform dials`);
  return `sofia_contact */${address.username}@${address.domain}`;
}

/**
 * The newest registration `sofia_contact` names (it joins several with `,`, oldest first: a re-REGISTER replaces its
 * contact's row at the end), or null (error/user_not_registered…). A softphone's WebSocket that dropped leaves its dead
 * binding first until it expires; its new one is last (seen on the real switch after `sofia profile internal restart`).
 */
export function registeredContact(reply: string): string | null {
  const valid = reply.trim().split(",").map((c) => c.trim()).filter((c) => CONTACT.test(c));
  return valid.at(-1) ?? null;
}

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
    ...(leg.held ? WHISPER_LEG_VARIABLES : []),
  ];
  const { target } = leg;
  if (target.kind === "client") {
    const client = leg.client;
    if (!client || !SIP_USER.test(client.username) || !DOMAIN.test(client.domain) || !CONTACT.test(client.contact)) throw new DialTargetError(`${target.identity} is not a client this platform dials`);
    vars.push(`sip_invite_domain=${client.domain}`);
    for (const [name, value] of Object.entries(target.parameters)) {
      if (!PARAMETER_NAME.test(name) || !PARAMETER_VALUE.test(value)) throw new DialTargetError(`<Client> parameter ${name}: names may hold letters, digits and -; values letters, digits and . _ ~ ! * + @ : / = -`);
      vars.push(`sip_h_X-${name}=${value}`);
    }
    // The registration's contact, looked up by the worker: the directory's own dial-string needs ${sofia_contact()}
    // expanded, and this switch runs with api-expansion off (switch.conf.xml).
    return `[${vars.join(",")}]${client.contact}`;
  }
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

/**
 * bridge: the legs ring at once (`,`) or one after another (`|`). A held leg's document may outlast the originate's
 * own 60 s limit (its ring timeout is the leg's leg_timeout): the limit grows by the hold.
 */
export function bridgeApplication(legs: DialLeg[], sequential: boolean): SwitchApplication {
  if (legs.length === 0) throw new Error("a bridge needs a leg");
  const held = legs.some((l) => l.held);
  const ringing = legs.reduce((sum, l) => (sequential ? sum + l.timeoutSeconds : Math.max(sum, l.timeoutSeconds)), 0);
  const globals = held ? `{originate_timeout=${Math.round(ringing) + WHISPER_HOLD_SECONDS}}` : "";
  return { app: "bridge", arg: globals + legs.map(legString).join(sequential ? "|" : ",") };
}
