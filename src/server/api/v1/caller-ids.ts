// /api/v1/caller-ids: numbers the account may call from without holding them here, proven by a call that speaks
// a code (Twilio's Verified Caller IDs). Also how a claimed number becomes a caller ID.
import { z } from "zod";
import { withApiFieldNames } from "@/server/api/api-field-names";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";
import type { CallerIdView } from "@/server/caller-ids/caller-id-view";
import { ZE164 } from "@/server/numbers/numbers.schemas";
import { confirmCallerId } from "@/server/caller-ids/confirm-caller-id";
import { deleteCallerId } from "@/server/caller-ids/delete-caller-id";
import { findCallerIds, getCallerId } from "@/server/caller-ids/find-caller-ids";
import { startCallerIdVerification } from "@/server/caller-ids/start-caller-id-verification";

export const ZCallerIdResource = z
  .object({
    id: z.string().meta({ example: "CI3f9c0d1e2b3a4958677a6b5c4d3e2f10" }),
    phone_number: z.string().meta({ example: "+14155550123" }),
    friendly_name: z.string(),
    status: z.enum(["verified", "pending", "unverified"]).meta({ description: "pending: a verification call spoke a code that awaits `verify`; unverified: no code is current" }),
    verified_at: z.iso.datetime().nullable(),
    code_expires_at: z.iso.datetime().nullable(),
    attempts_left: z.number().int(),
    verification_call_id: z.string().nullable().meta({ description: "The call that spoke the current code" }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "CallerId" });

const ZCallerIdParams = z.strictObject({ callerIdId: z.string().min(1).max(64).meta({ description: "Caller ID id", example: "CI3f9c0d1e2b3a4958677a6b5c4d3e2f10" }) });

function toResource(c: CallerIdView): z.input<typeof ZCallerIdResource> {
  return {
    id: c.id,
    phone_number: c.phoneNumber,
    friendly_name: c.friendlyName,
    status: c.status,
    verified_at: c.verifiedAt?.toISOString() ?? null,
    code_expires_at: c.codeExpiresAt?.toISOString() ?? null,
    attempts_left: c.attemptsLeft,
    verification_call_id: c.verificationCallId,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

export const listCallerIdsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/caller-ids",
    operationId: "listCallerIds",
    tag: "Caller IDs",
    summary: "List caller IDs",
    description: "The account's caller IDs, verified or not, newest first.",
    scope: "numbers:read",
    query: ZPageQuery.extend({ verified: z.enum(["true", "false"]).optional().meta({ description: "Only verified (true) or not yet verified (false) ones" }) }),
    response: listOf(ZCallerIdResource, "CallerIdList"),
  },
  async ({ actor, query }) =>
    toList(await findCallerIds(actor, { limit: query.limit, cursor: query.starting_after, verified: query.verified === undefined ? undefined : query.verified === "true" }), toResource),
);

export const createCallerIdRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/caller-ids",
    operationId: "createCallerId",
    tag: "Caller IDs",
    summary: "Verify a caller ID",
    description:
      "Calls `phone_number` and speaks a 6-digit code; `POST /api/v1/caller-ids/{callerIdId}/verify` with it makes the number a caller ID of the account. Again for the same number: a new call and code. Another account's number answers 409 `number_unavailable`; at most 3 verification calls per number per hour (429).",
    scope: "numbers:write",
    body: z.strictObject({
      phone_number: ZE164.meta({ description: "The number to verify, in international form", example: "+14155550123" }),
      friendly_name: z.string().trim().max(64).optional().meta({ example: "Head office" }),
    }),
    response: ZCallerIdResource,
    status: 201,
    example: { phone_number: "+14155550123", friendly_name: "Head office" },
  },
  async ({ actor, body }) => toResource(await withApiFieldNames(() => startCallerIdVerification(actor, { phoneNumber: body.phone_number, friendlyName: body.friendly_name }))),
);

export const getCallerIdRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/caller-ids/{callerIdId}",
    operationId: "getCallerId",
    tag: "Caller IDs",
    summary: "Retrieve a caller ID",
    scope: "numbers:read",
    params: ZCallerIdParams,
    response: ZCallerIdResource,
  },
  async ({ actor, params }) => toResource(await getCallerId(actor, { id: params.callerIdId })),
);

export const verifyCallerIdRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/caller-ids/{callerIdId}/verify",
    operationId: "verifyCallerId",
    tag: "Caller IDs",
    summary: "Enter the spoken code",
    description: "The code the verification call spoke; 5 wrong codes or 10 minutes void it (400 naming `code`).",
    scope: "numbers:write",
    params: ZCallerIdParams,
    body: z.strictObject({ code: z.string().max(16).meta({ example: "482913" }) }),
    response: ZCallerIdResource,
    example: { code: "482913" },
  },
  async ({ actor, params, body }) => toResource(await withApiFieldNames(() => confirmCallerId(actor, { id: params.callerIdId, code: body.code }))),
);

export const deleteCallerIdRoute = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/caller-ids/{callerIdId}",
    operationId: "deleteCallerId",
    tag: "Caller IDs",
    summary: "Delete a caller ID",
    scope: "numbers:write",
    params: ZCallerIdParams,
    response: z.object({ id: z.string(), phone_number: z.string(), deleted: z.literal(true) }).meta({ id: "DeletedCallerId" }),
  },
  async ({ actor, params }) => {
    const gone = await deleteCallerId(actor, { id: params.callerIdId });
    return { id: gone.id, phone_number: gone.phoneNumber, deleted: true as const };
  },
);
