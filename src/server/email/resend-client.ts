import { Resend } from "resend";
import { env } from "@/env";

let cached: { key: string; client: Resend } | undefined;

/** The Resend client for RESEND_API_KEY and RESEND_BASE_URL as they are now (null without a key: the dev mailbox). */
export function resendClient(): Resend | null {
  if (!env.RESEND_API_KEY) return null;
  const key = `${env.RESEND_API_KEY}\n${env.RESEND_BASE_URL ?? ""}`;
  if (cached?.key !== key) cached = { key, client: new Resend(env.RESEND_API_KEY, env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : undefined) };
  return cached.client;
}
