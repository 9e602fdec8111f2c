// A live change of what a call runs (Twilio's `Url`/`Twiml` update of Calls/{Sid}, the native `url`/`twiml`/
// `instructions` of POST /api/v1/calls/{id}):
//   - queued, initiated or ringing: the call will run the new document when it is answered (the stored handler is
//     replaced);
//   - in progress: the request is stored and the worker driving the call is told (NOTIFY, with polling behind it);
//     it stops whatever verb is running and runs the new document at once (worker/call-control/call-session.ts);
//   - ended: refused, Twilio's 21220 (the call is not in progress).
// The document is checked here, so a bad one is a 400 naming the field (and for TwiML, Twilio's code and position).
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError, fieldError } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { callTransaction, writeCallTransitions } from "@/server/calls/call-transitions";
import { CALL_WRITE_ROLE, isFinalCallStatus, toCallView, type CallView } from "@/server/calls/call-view";
import { ZHttpMethod, ZHttpUrl } from "@/server/calls/calls.schemas";
import { loadLockedCall, lockCall } from "@/server/calls/close-call";
import { loadTenantCall } from "@/server/calls/get-call";
import { CALL_END_REQUESTED_CHANNEL } from "@/server/calls/update-call";
import { parseVoiceDocument } from "@/server/voice-documents/parse-voice-document";
import { parseTwimlDocument } from "@/server/voice-documents/twiml/parse-twiml";
import { TwimlError } from "@/server/voice-documents/twiml/twiml-error";
import type { TVoiceDocument } from "@/server/voice-documents/voice-document.schemas";

/**
 * A consultation (consult-agent-call.ts): the leg bridged to the call joins this room of the tenant instead of being
 * hung up, and the agent on the call stays on it (no end of the ACD's offer).
 */
const ZBridgedLegTo = z.object({ conference: z.string().min(1).max(128), endConferenceOnExit: z.boolean() });
export type BridgedLegTo = z.infer<typeof ZBridgedLegTo>;

/** What the worker runs next: a URL to fetch, or a document given inline. */
const ZRedirectExtras = { bridgedLegTo: ZBridgedLegTo.optional(), keepAgentOffer: z.boolean().optional() };
export const ZRedirectRequest = z.union([
  z.object({ url: z.string(), method: ZHttpMethod, ...ZRedirectExtras }),
  z.object({ document: z.array(z.record(z.string(), z.unknown())), dialect: z.enum(["twiml", "json"]), ...ZRedirectExtras }),
]);
/**
 * `keepAgentOffer`: the agent stays on the call though the leg bridged to it ends (a re-attach: the agent's dead leg
 * is hung up and a new one dialled into the call's room; reattach-agent-call.ts).
 */
export type RedirectRequest = ({ url: string; method: "GET" | "POST" } | { document: TVoiceDocument; dialect: "twiml" | "json" }) & { bridgedLegTo?: BridgedLegTo; keepAgentOffer?: boolean };

export const ZRedirectCallInput = z.object({
  callId: z.string().min(1).max(64),
  url: ZHttpUrl.optional(),
  method: ZHttpMethod.default("POST"),
  twiml: z.string().min(1).max(64 * 1024).optional(),
  instructions: z.unknown().optional(),
});
export type TRedirectCallInput = z.input<typeof ZRedirectCallInput>;

/** The request the input describes, its document checked. */
export function redirectRequestOf(input: z.output<typeof ZRedirectCallInput>): RedirectRequest {
  const given = (["url", "twiml", "instructions"] as const).filter((k) => input[k] !== undefined);
  if (given.length !== 1) throw fieldError(given[1] ?? "url", "give exactly one of url, twiml, instructions");
  if (input.url !== undefined) return { url: input.url, method: input.method };
  if (input.twiml !== undefined) {
    try {
      return { document: parseTwimlDocument(input.twiml).document, dialect: "twiml" };
    } catch (e) {
      if (e instanceof TwimlError) throw fieldError("twiml", e.message, { twilioCode: e.code, ...e.toProblem() });
      throw e;
    }
  }
  const parsed = parseVoiceDocument(input.instructions);
  if (!parsed.ok) {
    const first = parsed.issues[0]!;
    throw fieldError(first.path ? `instructions.${first.path}` : "instructions", first.message);
  }
  return { document: parsed.document, dialect: "json" };
}

export async function redirectCall(actor: Actor, rawInput: TRedirectCallInput): Promise<CallView> {
  assertRole(actor, CALL_WRITE_ROLE);
  const input = ZRedirectCallInput.parse(rawInput);
  const request = redirectRequestOf(input);
  return callTransaction((tx) => requestCallRedirect(tx, actor, input.callId, request));
}

/**
 * The redirect itself, in the caller's transaction (a transfer uses it too): stored for a live call (the worker takes
 * it at once), the handler replaced for one not answered yet, refused (21220) for one that ended. `note` joins the
 * call's redirect.requested event (why: a transfer's target).
 */
export async function requestCallRedirect(
  tx: Prisma.TransactionClient,
  actor: Pick<Actor, "tenantId" | "userId" | "apiKeyId">,
  callId: string,
  request: RedirectRequest,
  note: Record<string, unknown> = {},
): Promise<CallView> {
  await loadTenantCall(tx, actor.tenantId, callId);
  await lockCall(tx, { callId, tenantId: actor.tenantId });
  const row = await loadLockedCall(tx, callId);
  if (isFinalCallStatus(row.status) || row.endRequestedAt !== null) {
    throw new AppError("CONFLICT", "the call is not in progress: it cannot be redirected", { details: { twilioCode: 21220 } });
  }
  const now = new Date();
  const live = row.status === "IN_PROGRESS";
  // Not answered yet: the new handler replaces the stored one. Live: the worker takes the request.
  const change = live
    ? { redirectRequest: request as unknown as Prisma.InputJsonValue, redirectRequestedAt: now }
    : "url" in request
      ? { url: request.url, method: request.method, instructions: Prisma.DbNull, flowId: null }
      : { url: null, instructions: request.document as Prisma.InputJsonValue, flowId: null };
  const updated = await tx.call.update({
    where: { id: row.id },
    data: { ...change, eventSequence: { increment: 1 } },
    include: { recordings: { select: { id: true }, orderBy: { createdAt: "asc" } }, tenant: { select: { accountSid: true } } },
  });
  const call = toCallView(updated);
  const data = {
    apiKeyId: actor.apiKeyId,
    userId: actor.userId,
    applies: live ? "now" : "on_answer",
    ...("url" in request ? { url: request.url, method: request.method } : { dialect: request.dialect, verbs: request.document.length }),
    ...note,
  };
  await writeCallTransitions(tx, [{ call, accountSid: updated.tenant.accountSid, type: "redirect.requested", status: null, at: now, sequence: updated.eventSequence, data }]);
  if (live && updated.switchId) await tx.$executeRaw`SELECT pg_notify(${CALL_END_REQUESTED_CHANNEL}, ${`${updated.switchId}:${row.id}`})`;
  return call;
}

/** The worker takes the pending live change of a call, once: null when there is none (or another took it). */
export async function takeRedirectRequest(input: { callId: string }): Promise<RedirectRequest | null> {
  const rows = await db.$queryRaw<{ request: unknown }[]>`
    WITH taken AS (SELECT id, "redirectRequest" AS request FROM "Call" WHERE id = ${input.callId} AND "redirectRequest" IS NOT NULL FOR UPDATE)
    UPDATE "Call" c SET "redirectRequest" = NULL, "redirectRequestedAt" = NULL FROM taken WHERE c.id = taken.id
    RETURNING taken.request`;
  const raw = rows[0]?.request;
  if (raw === undefined) return null;
  const parsed = ZRedirectRequest.safeParse(raw);
  return parsed.success ? (parsed.data as RedirectRequest) : null;
}
