// One attempt of one claimed status callback, in the form its call's API surface uses, and its outcome:
//  twilio: form-encoded POST (or GET with the parameters in the query), X-Twilio-Signature with the tenant's
//          auth token, I-Twilio-Idempotency-Token stable across the retry;
//  native: JSON POST signed like our webhooks (IRISX-Signature: t=…,v1=…) with the auth token as the key.
import { getTenantAuthToken } from "@/server/account/get-tenant-auth-token";
import { MAX_CALLBACK_ATTEMPTS, type ClaimedCallback } from "@/server/calls/callbacks/claim-due-callbacks";
import { signTwilioRequest } from "@/server/calls/callbacks/sign-twilio-request";
import { db } from "@/server/db";
import { postWebhookRequest } from "@/server/webhooks/post-webhook-request";
import { signWebhookPayload } from "@/server/webhooks/sign-webhook-payload";
import type { HostResolver } from "@/server/webhooks/ssrf-guard";

const CALLBACK_USER_AGENT = "IRISX/1.0";
const STORED_ERROR_CHARS = 1000;

export interface DeliverCallbackOptions {
  /** Twilio's webhook timeouts: connect 5 s, then 15 s for the answer. */
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  /** Wait before the one retry. */
  retryDelayMs?: number;
  resolve?: HostResolver;
}

export type CallbackOutcome = "succeeded" | "retrying" | "failed";

interface PreparedRequest {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body: string;
}

/** Callback parameters as stored (Twilio-named, flat); values other than strings are sent as their text. */
function formParams(params: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (params && typeof params === "object" && !Array.isArray(params)) {
    for (const [name, value] of Object.entries(params)) {
      if (value === null || value === undefined) continue;
      out[name] = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value as number | boolean);
    }
  }
  return out;
}

function prepareRequest(callback: ClaimedCallback, authToken: string, now: Date): PreparedRequest {
  const headers: Record<string, string> = { "User-Agent": CALLBACK_USER_AGENT };
  if (callback.format === "twilio") {
    const params = formParams(callback.params);
    headers["I-Twilio-Idempotency-Token"] = callback.id;
    if (callback.method.toUpperCase() === "GET") {
      const url = new URL(callback.url);
      for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
      const full = url.toString();
      headers["X-Twilio-Signature"] = signTwilioRequest(authToken, full);
      return { url: full, method: "GET", headers, body: "" };
    }
    headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
    headers["X-Twilio-Signature"] = signTwilioRequest(authToken, callback.url, params);
    return { url: callback.url, method: "POST", headers, body: new URLSearchParams(params).toString() };
  }
  // Native callbacks are JSON, so always a POST whatever the call's statusCallbackMethod says.
  const body = JSON.stringify(callback.params ?? {});
  headers["Content-Type"] = "application/json";
  headers["IRISX-Signature"] = signWebhookPayload(authToken, body, Math.floor(now.getTime() / 1000));
  headers["IRISX-Delivery-Id"] = callback.id;
  return { url: callback.url, method: "POST", headers, body };
}

/** Sends the claimed callback once and records the outcome; retries once, then gives up (FAILED). */
export async function deliverCallback(callback: ClaimedCallback, opts: DeliverCallbackOptions = {}): Promise<CallbackOutcome> {
  const connectTimeoutMs = opts.connectTimeoutMs ?? 5_000;
  const readTimeoutMs = opts.readTimeoutMs ?? 15_000;
  let statusCode: number | null = null;
  let error: string | null;
  try {
    const authToken = await getTenantAuthToken(callback.tenantId);
    const request = prepareRequest(callback, authToken, new Date());
    const response = await postWebhookRequest({ ...request, resolve: opts.resolve, connectTimeoutMs, totalTimeoutMs: connectTimeoutMs + readTimeoutMs });
    statusCode = response.statusCode;
    const ok = response.error === null && statusCode !== null && statusCode >= 200 && statusCode < 300;
    error = ok ? null : (response.error ?? `HTTP ${statusCode ?? "?"} (a 2xx status means delivered)`);
  } catch (e) {
    // A malformed stored URL or a tenant gone: nothing a retry changes, but record it like any failure.
    error = e instanceof Error ? e.message : String(e);
  }

  const finishedAt = new Date();
  const outcome: CallbackOutcome = error === null ? "succeeded" : callback.attempts < MAX_CALLBACK_ATTEMPTS ? "retrying" : "failed";
  const data =
    outcome === "succeeded"
      ? { status: "SUCCEEDED" as const, deliveredAt: finishedAt, responseStatus: statusCode, lastError: null }
      : outcome === "retrying"
        ? { nextAttemptAt: new Date(finishedAt.getTime() + (opts.retryDelayMs ?? 5_000)), responseStatus: statusCode, lastError: error!.slice(0, STORED_ERROR_CHARS) }
        : { status: "FAILED" as const, responseStatus: statusCode, lastError: error!.slice(0, STORED_ERROR_CHARS) };
  // Fenced on the attempt number: a sender whose lease ran out and was overtaken does not overwrite the newer outcome.
  await db.callbackDelivery.updateMany({ where: { id: callback.id, status: "PENDING", attempts: callback.attempts }, data });
  return outcome;
}
