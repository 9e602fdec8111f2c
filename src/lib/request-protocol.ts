// Whether a request reached the app over https: its own URL says so, or the proxy in front (TLS terminated there)
// says so in X-Forwarded-Proto. A client that claims https over plain http only gets Secure cookies its browser
// will not send back over http: no gain to it. HSTS and Secure cookies follow this, per request.

export function isHttpsRequest(url: string | URL, headers: Headers): boolean {
  const protocol = typeof url === "string" ? new URL(url, "http://unknown").protocol : url.protocol;
  if (protocol === "https:") return true;
  // A chain of proxies lists one value each; the first is what the client used.
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** The response with `Secure` added to every Set-Cookie that lacks it (a library that decided from its own setting). */
export function withSecureCookies(res: Response): Response {
  const cookies = res.headers.getSetCookie();
  if (cookies.length === 0 || cookies.every((c) => /;\s*secure\b/i.test(c))) return res;
  const headers = new Headers(res.headers);
  headers.delete("set-cookie");
  for (const c of cookies) headers.append("set-cookie", /;\s*secure\b/i.test(c) ? c : `${c}; Secure`);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
