// Keeps webhook deliveries from reaching our own network. A URL is checked when an endpoint is saved, and the
// address is checked again when the socket connects (a custom DNS `lookup`, so a name that resolved to a
// public address at creation and to 10.0.0.1 now is refused: DNS rebinding) and on every redirect hop.
// Only plain public unicast addresses pass; hosts in WEBHOOK_ALLOW_PRIVATE_HOSTS are exempt (dev and tests).
import { lookup as dnsLookup } from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/env";
import { AppError } from "@/server/errors";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to every address it has. Injectable so tests can simulate DNS answers. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) reject(err);
      else resolve(addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })));
    });
  });

/** Raised at connect time or on a redirect; delivery records it as the attempt's error. */
export class UnsafeWebhookTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafeWebhookTargetError";
  }
}

/** The host name does not resolve at all (reported apart: Twilio's 11210 "HTTP bad host name" for voice URLs). */
export class UnresolvableHostError extends UnsafeWebhookTargetError {
  constructor(message: string) {
    super(message);
    this.name = "UnresolvableHostError";
  }
}

const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");

/** `[::1]` in a URL is `::1` to DNS and to ipaddr. */
function bareHostname(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
}

function isPrivateHostAllowed(hostname: string): boolean {
  const host = bareHostname(hostname);
  return env.WEBHOOK_ALLOW_PRIVATE_HOSTS.some((allowed) => bareHostname(allowed) === host);
}

/**
 * Why an address must not be contacted, or null when it is public unicast. IPv4-mapped IPv6
 * (::ffff:10.0.0.1) is judged as the IPv4 address it carries. Everything ipaddr.js classifies as other than
 * "unicast" (loopback, private, link-local incl. 169.254.169.254, unique-local, CGNAT, multicast, reserved,
 * NAT64/6to4 wrappers that can embed private IPv4) is refused. So is the deprecated IPv4-compatible ::/96
 * (::7f00:1, how a URL writes [::127.0.0.1]), which ipaddr.js calls unicast but which carries an IPv4 address all the same.
 */
export function forbiddenAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  const parsed = ipaddr.process(address);
  let range: string = parsed.range();
  if (range === "unicast" && parsed.kind() === "ipv6" && parsed.match(IPV4_COMPATIBLE)) range = "ipv4Compatible";
  return range === "unicast" ? null : `${parsed.toString()} is a ${range} address`;
}

function isIpLiteral(hostname: string): boolean {
  return ipaddr.isValid(bareHostname(hostname));
}

/** Resolves a host and returns its addresses, throwing when any of them is forbidden. */
async function resolvePublicAddresses(hostname: string, resolve: HostResolver = systemResolver): Promise<ResolvedAddress[]> {
  const host = bareHostname(hostname);
  if (isIpLiteral(host)) {
    const reason = forbiddenAddressReason(host);
    if (reason) throw new UnsafeWebhookTargetError(`refused: ${reason}`);
    return [{ address: ipaddr.process(host).toString(), family: ipaddr.process(host).kind() === "ipv6" ? 6 : 4 }];
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch (e) {
    throw new UnresolvableHostError(`could not resolve ${host}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (addresses.length === 0) throw new UnsafeWebhookTargetError(`${host} has no addresses`);
  // Any forbidden answer refuses the host: the connection could be made to whichever one the OS picks.
  for (const a of addresses) {
    const reason = forbiddenAddressReason(a.address);
    if (reason) throw new UnsafeWebhookTargetError(`refused: ${host} resolves to ${reason}`);
  }
  return addresses;
}

/**
 * Checks a URL before a request to it (every hop): scheme, then the host's addresses unless the host is exempt.
 * Throws UnsafeWebhookTargetError.
 */
export async function assertUrlTargetAllowed(url: URL, resolve: HostResolver = systemResolver): Promise<void> {
  const exempt = isPrivateHostAllowed(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && exempt)) {
    throw new UnsafeWebhookTargetError(`refused: ${url.protocol.replace(":", "")} URLs are not allowed, use https`);
  }
  if (url.username || url.password) throw new UnsafeWebhookTargetError("refused: URLs with credentials are not allowed");
  if (!exempt) await resolvePublicAddresses(url.hostname, resolve);
}

/**
 * Validates an endpoint URL a tenant submits. Throws VALIDATION_FAILED naming `url` (400 in REST and tRPC).
 */
export async function assertWebhookUrlAllowed(rawUrl: string, resolve: HostResolver = systemResolver): Promise<URL> {
  const fail = (message: string) =>
    new AppError("VALIDATION_FAILED", `url: ${message}`, { details: { fieldErrors: { url: [message] } } });
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw fail("must be an absolute URL");
  }
  try {
    await assertUrlTargetAllowed(url, resolve);
  } catch (e) {
    if (e instanceof UnsafeWebhookTargetError) throw fail(e.message.replace(/^refused: /, "not allowed: "));
    throw e;
  }
  return url;
}

/**
 * A `lookup` for http(s).request that resolves through `resolve` and refuses forbidden addresses at the moment
 * the socket connects. Node does not call `lookup` for IP-literal hosts, so callers check those themselves
 * (assertUrlTargetAllowed does).
 */
export function guardedLookup(resolve: HostResolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    const exempt = isPrivateHostAllowed(hostname);
    const answer = exempt ? resolve(bareHostname(hostname)) : resolvePublicAddresses(hostname, resolve);
    answer.then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        const usable = wanted.length > 0 ? wanted : addresses;
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (err: Error) => callback(err, "", 4),
    );
  };
}
