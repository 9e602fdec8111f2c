// A carrier's number API, as the platform uses it: search what it has for sale, buy one for a tenant, give one
// back. Twilio and Telnyx implement it (their documented REST APIs, base URLs configurable so tests drive local
// fakes); which one runs, with whose credentials, is the installation's choice (configured-number-provider.ts).

import type { z } from "zod";

export type NumberType = "local" | "toll_free" | "mobile";

export interface NumberSearch {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  type: NumberType;
  /** National destination code (the US area code). */
  areaCode?: string;
  /** Digits the number must contain. */
  contains?: string;
  limit: number;
}

export interface AvailableNumber {
  /** E.164 */
  phoneNumber: string;
  locality: string | null;
  region: string | null;
  country: string;
  capabilities: { voice: boolean; sms: boolean; mms: boolean };
}

export interface NumberProvider {
  readonly name: "twilio" | "telnyx";
  search(query: NumberSearch): Promise<AvailableNumber[]>;
  /** Buys the number for the platform's account and routes it to the platform's SIP trunk / connection. */
  purchase(phoneNumber: string): Promise<{ providerNumberId: string }>;
  release(providerNumberId: string): Promise<void>;
}

/**
 * The provider said no (`unavailable`: the number cannot be bought, someone else has it) or could not be asked
 * (`failed`: a network error, a 5xx, refused credentials). Only `unavailable` is the tenant's to fix.
 */
export class NumberProviderError extends Error {
  constructor(
    message: string,
    readonly kind: "unavailable" | "failed",
    readonly status?: number,
  ) {
    super(message);
    this.name = "NumberProviderError";
  }
}

/** A provider's answer checked against the shape its documentation gives; anything else is a provider failure. */
export function parseProviderBody<T>(provider: string, schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new NumberProviderError(`${provider} answered an unexpected body: ${parsed.error.issues[0]?.message}`, "failed");
  return parsed.data;
}

/** A provider request with a deadline; any answer outside 2xx becomes a NumberProviderError (4xx but 401/403/429: unavailable). */
export async function providerRequest(provider: string, url: string, init: RequestInit & { timeoutMs?: number }): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 10_000), redirect: "error" });
  } catch (err) {
    throw new NumberProviderError(`${provider} could not be reached: ${(err as Error).message}`, "failed");
  }
  const text = await res.text();
  if (!res.ok) {
    const refusedByUs = res.status === 401 || res.status === 403 || res.status === 429 || res.status >= 500;
    throw new NumberProviderError(`${provider} answered ${res.status}: ${text.slice(0, 300)}`, refusedByUs ? "failed" : "unavailable", res.status);
  }
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new NumberProviderError(`${provider} answered ${res.status} with a body that is not JSON`, "failed", res.status);
  }
}
