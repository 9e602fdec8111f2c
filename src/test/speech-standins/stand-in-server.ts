// The harness every speech provider stand-in runs on: a local HTTP server on 127.0.0.1 that records each request,
// checks it against the provider's documented shape (a failed check answers 400 in the provider's error format
// and is kept in `violations`, so a test can assert there were none), and can be told to fail or stall next.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: Buffer | string | object;
}

export interface StandIn {
  baseUrl: string;
  requests: RecordedRequest[];
  violations: string[];
  /** The next request is answered with this status and the provider's error body for it. */
  failNext(status: number, message?: string): void;
  /** The next request is held this long before it is answered (longer than the client's timeout: a timeout). */
  stallNext(ms: number): void;
  close(): Promise<void>;
}

export interface StandInSpec {
  /** Why the request's credentials are refused (answered with the status the provider documents for it; not a violation: a
   *  test with the wrong key expects the refusal), or null when they are the stand-in's. */
  authorize(req: RecordedRequest): { status: 400 | 401 | 403; message: string } | null;
  /** The request's problems against the documented API, or [] when it is well formed. */
  check(req: RecordedRequest): string[] | Promise<string[]>;
  answer(req: RecordedRequest): Reply;
  /** The provider's documented error body for a status. */
  error(status: number, message: string): Reply;
}

export async function startStandIn(spec: StandInSpec): Promise<StandIn> {
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  let failure: { status: number; message: string } | null = null;
  let stallMs = 0;
  const server = createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on("data", (c: Buffer) => chunks.push(c));
    raw.on("end", async () => {
      const url = new URL(raw.url ?? "/", "http://stand-in");
      const req: RecordedRequest = { method: raw.method ?? "GET", path: url.pathname, query: url.searchParams, headers: raw.headers, body: Buffer.concat(chunks) };
      requests.push(req);
      const refused = spec.authorize(req);
      const problems = refused ? [] : await Promise.resolve(spec.check(req)).catch((err: unknown) => [`stand-in could not read the request: ${String(err)}`]);
      violations.push(...problems);
      let reply: Reply;
      if (refused) reply = spec.error(refused.status, refused.message);
      else if (problems.length) reply = spec.error(400, `stand-in: ${problems.join("; ")}`);
      else if (failure) reply = spec.error(failure.status, failure.message);
      else reply = spec.answer(req);
      failure = null;
      const send = () => {
        const body = Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
        const type = Buffer.isBuffer(reply.body) ? "application/octet-stream" : typeof reply.body === "string" ? "text/plain" : "application/json";
        res.writeHead(reply.status, { "content-type": type, ...reply.headers });
        res.end(body);
      };
      const wait = stallMs;
      stallMs = 0;
      if (wait) setTimeout(send, wait).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    violations,
    failNext: (status, message = `stand-in failure ${status}`) => void (failure = { status, message }),
    stallNext: (ms) => void (stallMs = ms),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The request's JSON body, or a violation. */
export function jsonBody(req: RecordedRequest, problems: string[]): Record<string, unknown> {
  if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) problems.push(`content-type is ${req.headers["content-type"]}, not application/json`);
  try {
    const parsed = JSON.parse(req.body.toString("utf8")) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    problems.push("the body is not a JSON object");
  } catch {
    problems.push("the body is not JSON");
  }
  return {};
}

export function expectRoute(req: RecordedRequest, method: string, path: RegExp | string, problems: string[]): void {
  if (req.method !== method) problems.push(`method ${req.method}, expected ${method}`);
  if (typeof path === "string" ? req.path !== path : !path.test(req.path)) problems.push(`path ${req.path} is not ${String(path)}`);
}

export const nonEmptyString = (v: unknown): v is string => typeof v === "string" && v.trim().length > 0;
