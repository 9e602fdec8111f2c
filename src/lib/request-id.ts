// Every request carries an id in `x-request-id` (assigned by src/proxy.ts when the caller sent none) that
// tRPC, the REST layer and the logs repeat, so one line of a client's bug report finds every log line.
export const REQUEST_ID_HEADER = "x-request-id";

// A caller-supplied id is kept only when it is short and plain; anything else could forge log lines.
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,128}$/;

export function resolveRequestId(incoming: string | null | undefined): string {
  return incoming && ACCEPTABLE.test(incoming) ? incoming : crypto.randomUUID();
}
