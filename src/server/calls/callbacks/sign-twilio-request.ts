import { createHmac } from "node:crypto";

export type TwilioRequestParams = Record<string, string | readonly string[]>;

/**
 * `X-Twilio-Signature`: base64(HMAC-SHA1(authToken, url + every parameter name followed by its value, names in
 * sorted order)). A GET is signed with its full URL (parameters in the query string) and no parameters. Repeated
 * parameters contribute each distinct value, sorted, as twilio's `validateRequest` expects.
 */
export function signTwilioRequest(authToken: string, url: string, params: TwilioRequestParams = {}): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name]!;
    const values = typeof value === "string" ? [value] : [...new Set(value)].sort();
    for (const v of values) data += name + v;
  }
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}
