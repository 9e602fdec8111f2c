import { env } from "@/env";
import { PEER_HEADER } from "@/server/shared/request-gate";

function forwardedEntries(forwardedFor: string | string[] | null | undefined): string[] {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  return (header ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/**
 * The client's address from X-Forwarded-For. Its last entry is the address the app's server saw (appended by
 * peer-address.ts, whatever the client sent); each proxy in front appends the address it saw, and anything further
 * left is what the client made up. With TRUSTED_PROXY_HOPS proxies in front (0 by default: clients connect
 * straight to the app), the client is that many entries left of the last. Rate limits key on this.
 */
export function clientIp(forwardedFor: string | string[] | null | undefined, hops = env.TRUSTED_PROXY_HOPS): string | null {
  const entries = forwardedEntries(forwardedFor);
  if (entries.length === 0) return null;
  return entries[Math.max(0, entries.length - 1 - hops)] ?? null;
}

/**
 * The address of a caller that connected to the app directly, with no proxy between: the socket's peer when the
 * request carried no X-Forwarded-For of its own (a request relayed by a proxy on this machine has one, and is not
 * "from this machine" even though its socket is). Null otherwise, or when the peer hook did not run.
 */
export function directPeerIp(headers: Headers): string | null {
  const peer = headers.get(PEER_HEADER);
  if (!peer) return null;
  const entries = forwardedEntries(headers.get("x-forwarded-for"));
  return entries.length === 1 && entries[0] === peer ? peer : null;
}
