// Who may ask the directory: FreeSWITCH's mod_xml_curl, which sends HTTP Basic credentials
// (gateway-credentials "freeswitch:<FREESWITCH_XML_CURL_PASSWORD>"). The user name is not checked; the password is
// the shared secret. Without a configured password only a switch on this machine (loopback) is answered, and only
// outside production, so a forgotten setting never opens the directory to the network.
import { timingSafeEqual, createHash } from "node:crypto";
import { env } from "@/env";

export type SwitchAuthResult = { ok: true } | { ok: false; reason: "missing_credentials" | "wrong_password" | "not_loopback" | "not_configured" };

function sha256(s: string): Buffer {
  return createHash("sha256").update(s, "utf8").digest();
}

function basicPassword(header: string | null): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(" ", 2);
  if (scheme?.toLowerCase() !== "basic" || !value) return null;
  const decoded = Buffer.from(value.trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : decoded.slice(colon + 1);
}

export function isLoopback(ip: string | null): boolean {
  if (!ip) return false;
  const v4 = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  return v4 === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export function authorizeSwitchRequest(
  req: { authorization: string | null; ip: string | null },
  config: { password: string | undefined; nodeEnv: string } = { password: env.FREESWITCH_XML_CURL_PASSWORD, nodeEnv: env.NODE_ENV },
): SwitchAuthResult {
  if (config.password) {
    const presented = basicPassword(req.authorization);
    if (presented === null) return { ok: false, reason: "missing_credentials" };
    // Hash both sides so the comparison is constant-time whatever the lengths.
    return timingSafeEqual(sha256(presented), sha256(config.password)) ? { ok: true } : { ok: false, reason: "wrong_password" };
  }
  if (config.nodeEnv === "production") return { ok: false, reason: "not_configured" };
  return isLoopback(req.ip) ? { ok: true } : { ok: false, reason: "not_loopback" };
}
