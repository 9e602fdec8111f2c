// Twilio-compatible OutgoingCallerIds: the account's verified caller IDs, listed (PhoneNumber, FriendlyName
// filters), fetched, renamed (POST FriendlyName) and deleted. Verifying one is the native API's (a call that speaks a
// code: POST /api/v1/caller-ids); Twilio's ValidationRequests, where the callee types the code, waits for gather.
import { z } from "zod";
import { rfc2822, TWILIO_API_VERSION } from "@/server/calls/call-transitions";
import type { CallerIdView } from "@/server/caller-ids/caller-id-view";
import { deleteCallerId } from "@/server/caller-ids/delete-caller-id";
import { findCallerIds, getCallerId } from "@/server/caller-ids/find-caller-ids";
import { renameCallerId } from "@/server/caller-ids/rename-caller-id";
import { defineTwilioRoute } from "@/server/twilio/define-twilio-route";
import { formatTwilioNumber } from "@/server/twilio/twilio-call-view";
import { TwilioApiError } from "@/server/twilio/twilio-errors";
import { readPageQuery, twilioPage, ZTwilioPageQuery } from "@/server/twilio/twilio-page";

const CALLER_ID_SID = /^CI[0-9a-f]{32}$/;
const base = (accountSid: string) => `/${TWILIO_API_VERSION}/Accounts/${accountSid}/OutgoingCallerIds`;
const notFound = () => new TwilioApiError(404, 20404, "The requested resource was not found");

function toTwilioCallerId(c: CallerIdView, accountSid: string) {
  return {
    sid: c.id,
    account_sid: accountSid,
    friendly_name: c.friendlyName || formatTwilioNumber(c.phoneNumber),
    phone_number: c.phoneNumber,
    date_created: rfc2822(c.createdAt),
    date_updated: rfc2822(c.updatedAt),
    uri: `${base(accountSid)}/${c.id}.json`,
  };
}

/** Only verified caller IDs exist on Twilio's resource; a pending one reads as not found. */
async function verifiedCallerId(actor: Parameters<typeof getCallerId>[0], segment: string | undefined): Promise<CallerIdView> {
  const sid = (segment ?? "").replace(/\.json$/, "");
  if (!CALLER_ID_SID.test(sid)) throw notFound();
  const found = await getCallerId(actor, { id: sid });
  if (found.status !== "verified") throw notFound();
  return found;
}

const list = defineTwilioRoute(
  {
    method: "GET",
    path: "/2010-04-01/Accounts/{AccountSid}/OutgoingCallerIds.json",
    scope: "numbers:read",
    query: ZTwilioPageQuery.extend({ PhoneNumber: z.string().max(64).optional(), FriendlyName: z.string().max(64).optional() }),
  },
  async ({ actor, principal, query }) => {
    const { cursor, page, pageSize } = readPageQuery(query, CALLER_ID_SID);
    const found = await findCallerIds(actor, { cursor, limit: pageSize, verified: true, search: query.PhoneNumber ?? query.FriendlyName });
    return {
      status: 200,
      body: twilioPage(
        "outgoing_caller_ids",
        found.items.map((c) => toTwilioCallerId(c, principal.accountSid)),
        { path: `${base(principal.accountSid)}.json`, filters: { PhoneNumber: query.PhoneNumber, FriendlyName: query.FriendlyName }, page, pageSize, pageToken: query.PageToken ?? null, nextCursor: found.nextCursor },
      ),
    };
  },
);

const PATH = "/2010-04-01/Accounts/{AccountSid}/OutgoingCallerIds/{Sid}.json";

const fetchOne = defineTwilioRoute({ method: "GET", path: PATH, scope: "numbers:read" }, async ({ actor, principal, params }) => ({
  status: 200,
  body: toTwilioCallerId(await verifiedCallerId(actor, params.callerIdSid), principal.accountSid),
}));

const update = defineTwilioRoute(
  { method: "POST", path: PATH, scope: "numbers:write", form: z.object({ FriendlyName: z.string().max(64).optional() }) },
  async ({ actor, principal, params, form }) => {
    const found = await verifiedCallerId(actor, params.callerIdSid);
    const renamed = form.FriendlyName === undefined ? found : await renameCallerId(actor, { id: found.id, friendlyName: form.FriendlyName });
    return { status: 200, body: toTwilioCallerId(renamed, principal.accountSid) };
  },
);

const remove = defineTwilioRoute({ method: "DELETE", path: PATH, scope: "numbers:write" }, async ({ actor, params }) => {
  const found = await verifiedCallerId(actor, params.callerIdSid);
  await deleteCallerId(actor, { id: found.id });
  return { status: 204 };
});

export const twilioOutgoingCallerIdsRoute = { GET: list };
export const twilioOutgoingCallerIdRoute = { GET: fetchOne, POST: update, DELETE: remove };
