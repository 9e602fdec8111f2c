/**
 * tRPC, in three sections: 1. context  2. initialisation and error mapping  3. procedures.
 * Procedures carry the permission: publicProcedure, authedProcedure, tenantProcedure({ minRole }), staffProcedure.
 * They validate input and call one use-case from src/server; they hold no business logic.
 */
import { isHttpsRequest } from "@/lib/request-protocol";
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { getSessionUser, type SessionUser } from "@/server/auth/session";
import { AppError, type ErrorCode } from "@/server/errors";
import type { StaffRole } from "@/generated/prisma/client";
import { staffRoleAllows, staffRoleOf } from "@/server/admin/staff-roles";
import { logger } from "@/server/logger";
import { clientIp } from "@/server/shared/client-ip";
import { observeHttpRequest } from "@/server/metrics/registry";
import { resolveMemberActor, assertRole, type Actor, type RoleRule } from "@/server/tenancy";
import { databaseUnavailableError } from "@/server/db-errors";
import { rejectNulBytes } from "@/server/shared/nul-bytes";
import { recordImpersonatedRequest } from "@/server/impersonation/record-impersonated-request";

// 1. Context ------------------------------------------------------------------------------------------
export const TENANT_COOKIE = "irisx_tenant";

export interface TrpcContext {
  requestId: string;
  ip: string | null;
  getUser: () => Promise<SessionUser | null>;
  /** The user's membership in their current tenant, read once per request however many procedures a batch holds. */
  getMemberActor: () => Promise<Actor>;
  /** False when a browser sent this request from another site (Origin or Sec-Fetch-Site says so): mutations refuse it. */
  sameOrigin: boolean;
  /** The request reached the app over https (its cookies are Secure). */
  https: boolean;
  /** Response headers of this request (cookies a procedure sets go here). */
  resHeaders: Headers;
}

/**
 * Whether a request comes from the app's own pages, as browsers tell it: `Origin` naming the host the request was
 * sent to, or `Sec-Fetch-Site` same-origin. A request with neither header is not from a browser page (a cross-site
 * form or fetch always carries Origin), so it cannot be a forgery riding on the session cookie.
 */
export function isSameOrigin(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = headers.get("origin");
  if (!origin) return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}

function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

export function createTrpcContext(opts: { headers: Headers; url?: string; getUser?: () => Promise<SessionUser | null>; resHeaders?: Headers }): TrpcContext {
  let user: Promise<SessionUser | null> | undefined;
  let actor: Promise<Actor> | undefined;
  const load = opts.getUser ?? getSessionUser;
  const requestId = opts.headers.get("x-request-id") ?? crypto.randomUUID();
  const ip = clientIp(opts.headers.get("x-forwarded-for"));
  const hint = opts.headers.get("x-irisx-tenant") ?? readCookie(opts.headers.get("cookie"), TENANT_COOKIE);
  // A workspace hint is only ever an id: anything else (a NUL byte, say) is no hint at all.
  const tenantIdHint = hint && /^[\w-]{1,64}$/.test(hint) ? hint : null;
  const getUser = () => (user ??= load());
  const getMemberActor = () =>
    (actor ??= getUser().then((u) => {
      if (!u) throw new AppError("UNAUTHORIZED", "sign in to continue");
      // An impersonation is bound to one tenant: the user's other workspaces stay out of reach.
      const only = u.impersonation?.tenantId;
      return resolveMemberActor({ userId: u.id, tenantIdHint: only ?? tenantIdHint, onlyTenantId: only, impersonatorId: u.impersonatorId ?? null, requestId, ip });
    }));
  const https = isHttpsRequest(opts.url ?? "http://unknown/", opts.headers);
  return { requestId, ip, getUser, getMemberActor, sameOrigin: isSameOrigin(opts.headers), https, resHeaders: opts.resHeaders ?? new Headers() };
}

// 2. Initialisation -----------------------------------------------------------------------------------
const TRPC_CODE: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  VALIDATION_FAILED: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  PAYMENT_REQUIRED: "PAYMENT_REQUIRED",
  INSUFFICIENT_CREDIT: "PAYMENT_REQUIRED",
  FORBIDDEN: "FORBIDDEN",
  TENANT_SUSPENDED: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  METHOD_NOT_ALLOWED: "METHOD_NOT_SUPPORTED",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
  IDEMPOTENCY_KEY_REUSED: "UNPROCESSABLE_CONTENT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  INTERNAL: "INTERNAL_SERVER_ERROR",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/** Use-cases name the failing field as `details: { fieldErrors: { field: [message] } }` (same shape as zod's flatten). */
function appFieldErrors(app: AppError | null): Record<string, string[]> | null {
  const details = app?.details as { fieldErrors?: Record<string, string[]> } | undefined;
  return details?.fieldErrors ?? null;
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  // Subscriptions (live call status) are server-sent events: a ping every 15 s keeps proxies from closing an
  // idle stream, and a client that hears nothing for 30 s reconnects.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 30_000 } },
  errorFormatter({ shape, error, ctx }) {
    const app = error.cause instanceof AppError ? error.cause : null;
    // A failure nobody mapped says nothing of its insides (Prisma's text named tables and statements).
    const internal = error.code === "INTERNAL_SERVER_ERROR" && !app;
    return {
      ...shape,
      message: internal ? `internal error; quote request id ${ctx?.requestId ?? "(none)"} when contacting support` : shape.message,
      data: {
        ...shape.data,
        appCode: app?.code ?? null,
        /** Seconds, on RATE_LIMITED: the same number the route sends as Retry-After. */
        retryAfter: app?.retryAfter ?? null,
        fieldErrors: error.cause instanceof ZodError ? z.flattenError(error.cause).fieldErrors : appFieldErrors(app),
      },
    };
  },
});

const errorMapping = t.middleware(async ({ next, ctx, path, type }) => {
  const started = performance.now();
  const result = await next();
  // A database that cannot be reached is the service being unavailable, not a bug: SERVICE_UNAVAILABLE, a plain message.
  const cause = result.ok ? undefined : (databaseUnavailableError(result.error.cause) ?? result.error.cause);
  observeHttpRequest({
    route: `trpc/${path}`,
    method: type === "query" ? "GET" : "POST",
    status: result.ok ? 200 : cause instanceof AppError ? cause.httpStatus : 500,
    durationMs: performance.now() - started,
  });
  if (!result.ok) {
    if (cause !== result.error.cause) logger.warn({ requestId: ctx.requestId, path, err: result.error.cause }, "database unreachable: answering SERVICE_UNAVAILABLE");
    if (cause instanceof AppError) {
      result.error = new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
    } else if (result.error.code === "INTERNAL_SERVER_ERROR") {
      logger.error({ requestId: ctx.requestId, path, err: result.error.cause ?? result.error }, "trpc procedure failed");
    }
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// 3. Procedures ---------------------------------------------------------------------------------------
/** Input holding U+0000 (which PostgreSQL text cannot store) is refused before any procedure sees it, naming the field. */
/** Cross-site request forgery: a mutation sent from another site's page is refused before anything runs. */
const refuseCrossSiteMutations = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && !ctx.sameOrigin) throw new AppError("FORBIDDEN", "cross-site request refused: send changes from the IRISX app itself");
  return next();
});

const refuseNulBytes = t.middleware(async ({ getRawInput, next }) => {
  rejectNulBytes(await getRawInput());
  return next();
});

export const publicProcedure = t.procedure.use(errorMapping).use(refuseCrossSiteMutations).use(refuseNulBytes);

/** Procedures staff may call during a read-only impersonation (leaving it, or switching to act). */
const READ_ONLY_EXEMPT = new Set(["impersonation.end", "impersonation.enableActing"]);

export const authedProcedure = publicProcedure.use(async ({ ctx, next, path, type }) => {
  const user = await ctx.getUser();
  if (!user) throw new AppError("UNAUTHORIZED", "sign in to continue");
  const impersonation = user.impersonation;
  if (!impersonation) return next({ ctx: { ...ctx, user } });
  // Impersonating: read-only unless the staff member switched to act, and every call is audited under both identities.
  const refused = type === "mutation" && !impersonation.actingSince && !READ_ONLY_EXEMPT.has(path);
  const result = refused ? null : await next({ ctx: { ...ctx, user } });
  await recordImpersonatedRequest(impersonation, { procedure: path, kind: type, ok: Boolean(result?.ok), requestId: ctx.requestId, ip: ctx.ip }).catch((err: unknown) =>
    logger.error({ err, requestId: ctx.requestId, path }, "could not audit an impersonated request"),
  );
  if (refused) throw new AppError("FORBIDDEN", "read-only impersonation: switch to act (with a reason) to make changes");
  return result!;
});

/**
 * Procedures that hand out a secret (API key, webhook signing secret, SIP password, Twilio auth token): refused
 * while impersonating, even when acting. Support never sees a customer's credentials.
 */
export const secretRevealing = t.middleware(async ({ ctx, next }) => {
  const user = await ctx.getUser();
  if (user?.impersonatorId) throw new AppError("FORBIDDEN", "not while impersonating: secrets and credentials are never shown to support");
  return next();
});

/**
 * Platform staff with at least `min` (SUPPORT reads, OPERATOR acts on tenants, OWNER runs the platform), signed in
 * with their second factor (TOTP): a stolen password alone never reaches /admin. The role is read now, not from
 * the session, so a demotion or removal takes effect at once.
 */
export function staffProcedure(min: StaffRole = "SUPPORT") {
  return authedProcedure.use(async ({ ctx, next }) => {
    if (!ctx.user.isPlatformStaff || ctx.user.impersonatorId) throw new AppError("FORBIDDEN", "platform staff only");
    if (!ctx.user.mfa) throw new AppError("FORBIDDEN", "second_factor_required: set up two-factor authentication and sign in with it to use /admin");
    const staffRole = await staffRoleOf(ctx.user.id);
    if (!staffRole) throw new AppError("FORBIDDEN", "platform staff only");
    if (!staffRoleAllows(staffRole, min)) throw new AppError("FORBIDDEN", `needs the ${min.toLowerCase()} staff role (you are ${staffRole.toLowerCase()})`);
    return next({ ctx: { ...ctx, staffRole } });
  });
}

/** A member of the current tenant with at least `rule.minRole`; ctx.actor scopes every use-case. */
export function tenantProcedure(rule: RoleRule = { minRole: "AGENT" }) {
  return authedProcedure.use(async ({ ctx, next }) => {
    const actor = await ctx.getMemberActor();
    assertRole(actor, rule);
    return next({ ctx: { ...ctx, actor } });
  });
}
