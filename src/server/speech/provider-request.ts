// One HTTP request to a speech provider, with the platform's deadline, and the failures every adapter shares mapped
// to Twilio's codes once. Provider hosts come from the platform's configuration only (tenants choose a provider,
// never a URL), so these requests do not go through the webhook SSRF guard.

export const MAX_PROVIDER_RESPONSE_BYTES = 25 * 1024 * 1024;

export interface ProviderResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** The provider did not answer (timeout, refused connection, reset) or answered with something unusable. */
export class ProviderUnavailableError extends Error {
  constructor(message: string, readonly timedOut = false) {
    super(message);
    this.name = "ProviderUnavailableError";
  }
}

/** The provider answered with an HTTP error; `detail` is its own message when it gave one. */
export class ProviderHttpError extends Error {
  constructor(readonly status: number, readonly detail: string) {
    super(`HTTP ${status}${detail ? `: ${detail}` : ""}`);
    this.name = "ProviderHttpError";
  }
}

export async function providerRequest(url: string, init: { method: "GET" | "POST"; headers: Record<string, string>; body?: string | Buffer | FormData }, timeoutMs: number): Promise<ProviderResponse> {
  let res: Response;
  let body: Buffer;
  try {
    res = await fetch(url, { method: init.method, headers: init.headers, body: init.body as BodyInit | undefined, signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
    body = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
    throw new ProviderUnavailableError(timedOut ? `did not answer within ${timeoutMs / 1000} s` : `could not be reached (${cause})`, timedOut);
  }
  if (body.length > MAX_PROVIDER_RESPONSE_BYTES) throw new ProviderUnavailableError(`answered with more than ${MAX_PROVIDER_RESPONSE_BYTES} bytes`);
  if (res.status < 200 || res.status >= 300) throw new ProviderHttpError(res.status, errorDetail(body));
  return { status: res.status, headers: res.headers, body };
}

/** The provider's own error message, from the JSON shapes they document (OpenAI and Google `error.message`,
 *  ElevenLabs `detail`, AWS `message`, Deepgram `err_msg`), or the start of the body. */
export function errorDetail(body: Buffer): string {
  const text = body.toString("utf8").slice(0, 4000);
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const error = json.error as Record<string, unknown> | string | undefined;
    const detail = json.detail as Record<string, unknown> | string | undefined;
    const found =
      (typeof error === "object" && error && error.message) ||
      (typeof error === "string" && error) ||
      (typeof detail === "object" && detail && detail.message) ||
      (typeof detail === "string" && detail) ||
      json.err_msg ||
      json.message ||
      json.Message;
    if (typeof found === "string") return found.slice(0, 300);
  } catch {
    // not JSON: the text itself
  }
  return text.replace(/\s+/g, " ").trim().slice(0, 300);
}

export function parseJson<T>(res: ProviderResponse, what: string): T {
  try {
    return JSON.parse(res.body.toString("utf8")) as T;
  } catch {
    throw new ProviderUnavailableError(`answered ${what} with a body that is not JSON`);
  }
}
