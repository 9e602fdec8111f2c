// originate's argument as FreeSWITCH reads it: `{a=b,c='d,e'}<dialstring> &app(arg)`, and the sofia/loopback
// dial strings the simulator knows (the far end is chosen from the number: magic-numbers.ts).

export interface DialTarget {
  channelName: string;
  number: string;
  /** host[:port] of the request URI. */
  host: string;
  hostOnly: string;
  port: string;
  profile: string;
  gateway?: string;
  /** Set for `sofia/external/<user>@127.0.0.1:<port>` so fixture far ends can be recognised. */
  fixtureHost?: string;
}

export interface ParsedOriginate {
  vars: Map<string, string>;
  dest: DialTarget;
  app: string;
  appArg: string;
}

/** `{a=b,c='d,e'}sofia/…/dest &app(arg)` (or `… app` without `&`, which FreeSWITCH treats as an extension; parked). */
export function parseOriginate(text: string): ParsedOriginate | undefined {
  let rest = text.trim();
  const vars = new Map<string, string>();
  if (rest.startsWith("{")) {
    const end = rest.indexOf("}");
    if (end < 0) return undefined;
    for (const pair of splitVars(rest.slice(1, end))) {
      const eq = pair.indexOf("=");
      if (eq > 0) vars.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).replace(/^'(.*)'$/, "$1"));
    }
    rest = rest.slice(end + 1);
  }
  const space = rest.indexOf(" ");
  const dialString = space < 0 ? rest : rest.slice(0, space);
  const appPart = space < 0 ? "&park()" : rest.slice(space + 1).trim();
  const appMatch = /^&?([\w-]+)(?:\((.*)\))?/.exec(appPart);
  const dest = parseDialString(dialString);
  if (!dest) return undefined;
  return { vars, dest, app: appMatch?.[1] ?? "park", appArg: appMatch?.[2] ?? "" };
}

export function splitVars(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const c of s) {
    if (c === "'") quoted = !quoted;
    if (c === "," && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

export function parseDialString(s: string): DialTarget | undefined {
  const gw = /^sofia\/gateway\/([^/]+)\/(.+)$/.exec(s);
  if (gw) {
    // sofia names a gateway's channel after its profile and the number (fixture 21: sofia/external/+15005550200).
    return { channelName: `sofia/external/${gw[2]!}`, number: gw[2]!, host: gw[1]!, hostOnly: gw[1]!, port: "5060",
      profile: "external", gateway: gw[1] };
  }
  const sofia = /^sofia\/([^/]+)\/([^@]+)@(.+)$/.exec(s);
  if (sofia) {
    const [, profile, user, hostPart] = sofia as unknown as [string, string, string, string];
    const host = hostPart.split(";")[0]!;
    const [hostOnly, port = "5060"] = host.split(":") as [string, string?];
    // A registered client's contact (sofia_contact) reads sofia/internal/sip:<user>@<host>: the user picks the far end.
    return { channelName: `sofia/${profile}/${user}@${host}`, number: user.replace(/^sips?:/, ""), host, hostOnly, port, profile,
      fixtureHost: host };
  }
  const loop = /^(?:loopback|user)\/(.+)$/.exec(s);
  if (loop) {
    return { channelName: s, number: loop[1]!, host: "127.0.0.1", hostOnly: "127.0.0.1", port: "5060", profile: "external" };
  }
  return undefined;
}
