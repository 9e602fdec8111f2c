// The impersonation cookie: httpOnly, same-site, Secure over https, living no longer than the session it names.
import { IMPERSONATION_COOKIE } from "@/server/auth/session";
import type { TrpcContext } from "@/trpc/init";

function serialize(ctx: Pick<TrpcContext, "https">, value: string, maxAgeSeconds: number): string {
  return [`${IMPERSONATION_COOKIE}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`, ...(ctx.https ? ["Secure"] : [])].join("; ");
}

export function setImpersonationCookie(ctx: Pick<TrpcContext, "https" | "resHeaders">, token: string, expiresAt: Date): void {
  ctx.resHeaders.append("set-cookie", serialize(ctx, token, Math.max(1, Math.ceil((expiresAt.getTime() - Date.now()) / 1000))));
}

export function clearImpersonationCookie(ctx: Pick<TrpcContext, "https" | "resHeaders">): void {
  ctx.resHeaders.append("set-cookie", serialize(ctx, "", 0));
}
