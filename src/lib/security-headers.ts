// The security headers of every response. Pages get a Content-Security-Policy with a fresh nonce per request
// (src/proxy.ts sets it; Next.js puts the nonce on its own scripts, next-themes on its inline one), so no injected
// script runs; the JSON APIs get a policy that allows nothing at all. Both forbid framing. The microphone is for the
// softphone at /desktop only. HSTS only when the request came over https (directly or per X-Forwarded-Proto).

/** Headers every response carries (next.config.ts and the proxy). */
export const BASE_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "microphone=(), camera=(), geolocation=(), payment=(), usb=()",
};

/** For JSON and media APIs: nothing may run or load, nothing may frame it. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Where the desktop's softphone opens its WebSocket to FreeSWITCH: SOFTPHONE_WS_URL's origin, or the page's own host
 * on the internal profile's ports (ws 5066, wss 7443). Allowed on every page: a client-side navigation to /desktop
 * keeps the policy of the page it started on.
 */
export function softphoneConnectSources(configured: string | undefined, hostname: string): string {
  if (configured) {
    try {
      const url = new URL(configured);
      if (url.protocol === "ws:" || url.protocol === "wss:") return `${url.protocol}//${url.host}`;
    } catch {
      // an unusable setting allows nothing more
    }
    return "";
  }
  const host = /^[a-z0-9.-]+$/i.test(hostname) ? hostname : "";
  return host ? `ws://${host}:5066 wss://${host}:7443` : "";
}

export function pageContentSecurityPolicy(nonce: string, dev: boolean, softphone = ""): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced ones load (Next.js chunks) run; nothing else. Dev's hot reload evaluates code.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Components set inline style attributes (progress bars, Radix positioning): styles may be inline, scripts may not.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Recordings play from the app's own authorized routes.
    "media-src 'self' blob:",
    `connect-src 'self'${softphone ? ` ${softphone}` : ""}${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The page headers for one request: the policy, the microphone where the softphone lives, HSTS over https. */
export function pageSecurityHeaders(opts: { nonce: string; pathname: string; https: boolean; dev: boolean; softphone?: string }): Record<string, string> {
  const desktop = opts.pathname === "/desktop" || opts.pathname.startsWith("/desktop/");
  return {
    ...BASE_SECURITY_HEADERS,
    "Content-Security-Policy": pageContentSecurityPolicy(opts.nonce, opts.dev, opts.softphone),
    ...(desktop ? { "Permissions-Policy": "microphone=(self), camera=(), geolocation=(), payment=(), usb=()" } : {}),
    ...(opts.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
