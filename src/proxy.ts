// Runs before the portal's pages, tRPC and the other internal routes: gives each request an `x-request-id` (kept
// when the caller sent a plain one) and echoes it on the response, so handlers and logs share one id per request.
// Not for static assets, nor for the public REST surfaces (/api/v1, the Twilio-compatible /2010-04-01), the
// recording media route and /api/ping: their route wrappers resolve and echo the id themselves, and a proxy in
// front of them doubled the framework's work per request (a second Request, a teed body, the header override):
// placing a call cost the server about 3 ms of CPU with it and about 1.7 ms without; their security headers are
// static (next.config.ts). Pages also get their Content-Security-Policy with a per-request nonce here.
import { isHttpsRequest } from "@/lib/request-protocol";
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, resolveRequestId } from "@/lib/request-id";
import { NONCE_HEADER } from "@/lib/nonce";
import { pageSecurityHeaders, softphoneConnectSources } from "@/lib/security-headers";

export function proxy(request: NextRequest) {
  const requestId = resolveRequestId(request.headers.get(REQUEST_ID_HEADER));
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  // A fresh nonce per request: Next.js reads it from the request's Content-Security-Policy and puts it on its scripts.
  const nonce = btoa(crypto.randomUUID());
  const https = isHttpsRequest(request.nextUrl, request.headers);
  const softphone = softphoneConnectSources(process.env.SOFTPHONE_WS_URL, request.nextUrl.hostname);
  const security = pageSecurityHeaders({ nonce, pathname: request.nextUrl.pathname, https, dev: process.env.NODE_ENV === "development", softphone });
  headers.set("Content-Security-Policy", security["Content-Security-Policy"]!);
  headers.set(NONCE_HEADER, nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|fonts/|api/v1/|api/v1$|2010-04-01/|api/recordings/|api/ping$).*)"],
};
