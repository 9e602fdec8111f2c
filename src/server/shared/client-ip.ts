import { env } from "@/env";

/**
 * The client's address from X-Forwarded-For. Each proxy appends the address it saw, so only the entries our own
 * proxies wrote can be trusted: the leftmost is whatever the client sent. With TRUSTED_PROXY_HOPS proxies in
 * front, the client is that many entries from the right. Rate limits key on this, so it must not be spoofable.
 */
export function clientIp(forwardedFor: string | string[] | null | undefined, hops = env.TRUSTED_PROXY_HOPS): string | null {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  const entries = (header ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) return null;
  return entries[Math.max(0, entries.length - hops)] ?? null;
}
