// Twilio-compatible Queues and Members on the contact centre's queues (src/server/contact-centre) and their lines
// (src/server/queues/queue-members.ts):
//   /Accounts/{AccountSid}/Queues.json                                 list, create (FriendlyName, MaxSize)
//   /Accounts/{AccountSid}/Queues/{QueueSid}.json                      fetch, update (FriendlyName, MaxSize), delete
//   /Accounts/{AccountSid}/Queues/{QueueSid}/Members.json              the callers waiting, in line
//   /Accounts/{AccountSid}/Queues/{QueueSid}/Members/{CallSid|Front}.json   fetch, update (Url, Method: dequeue the
//                                                                      member: its call runs the document at Url)
import { z } from "zod";
import { rfc2822, TWILIO_API_VERSION } from "@/server/calls/call-transitions";
import { createQueue } from "@/server/contact-centre/create-queue";
import { deleteQueue } from "@/server/contact-centre/delete-queue";
import { findQueues } from "@/server/contact-centre/find-queues";
import { getQueue } from "@/server/contact-centre/get-queue";
import type { QueueView } from "@/server/contact-centre/queue-view";
import { updateQueue } from "@/server/contact-centre/update-queue";
import { dequeueQueueMember, findQueueMembers, getQueueMember, type QueueMemberView } from "@/server/queues/queue-members";
import { defineTwilioRoute } from "@/server/twilio/define-twilio-route";
import { method, text } from "@/server/twilio/twilio-calls.schemas";
import { twilioBadRequest } from "@/server/twilio/twilio-errors";
import { readPageQuery, twilioPage, ZTwilioPageQuery } from "@/server/twilio/twilio-page";

const sidOf = (segment: string | undefined) => (segment ?? "").replace(/\.json$/, "");
const accountPath = (accountSid: string) => `/${TWILIO_API_VERSION}/Accounts/${accountSid}`;

export function toTwilioQueue(q: QueueView, accountSid: string) {
  const base = `${accountPath(accountSid)}/Queues/${q.id}`;
  return {
    sid: q.id,
    account_sid: accountSid,
    friendly_name: q.friendlyName,
    current_size: q.waiting,
    max_size: q.maxSize,
    average_wait_time: q.averageWaitSeconds,
    date_created: rfc2822(q.createdAt),
    date_updated: rfc2822(q.updatedAt),
    uri: `${base}.json`,
    subresource_uris: { members: `${base}/Members.json` },
  };
}

export function toTwilioMember(m: QueueMemberView, accountSid: string) {
  return {
    call_sid: m.callId,
    queue_sid: m.queueId,
    date_enqueued: rfc2822(m.enqueuedAt),
    position: m.position,
    wait_time: m.waitSeconds,
    uri: `${accountPath(accountSid)}/Queues/${m.queueId}/Members/${m.callId}.json`,
  };
}

/** MaxSize as Twilio takes it: 1 to 5000 (a 400 naming it otherwise). */
const maxSize = z
  .string()
  .regex(/^\d{1,4}$/, "MaxSize: a whole number from 1 to 5000")
  .transform(Number)
  .refine((n) => n >= 1 && n <= 5000, "MaxSize: a whole number from 1 to 5000")
  .optional();

const listQueues = defineTwilioRoute({ method: "GET", path: "/2010-04-01/Accounts/{AccountSid}/Queues.json", scope: "calls:read", query: ZTwilioPageQuery }, async ({ actor, principal, query }) => {
  const { page, pageSize } = readPageQuery(query, /^QU[0-9a-f]{32}$/);
  const all = await findQueues(actor);
  const items = all.slice(page * pageSize, (page + 1) * pageSize).map((q) => toTwilioQueue(q, principal.accountSid));
  return { status: 200, body: twilioPage("queues", items, { path: `${accountPath(principal.accountSid)}/Queues.json`, filters: {}, page, pageSize, pageToken: query.PageToken ?? null, nextCursor: null }) };
});

const createTwilioQueue = defineTwilioRoute(
  { method: "POST", path: "/2010-04-01/Accounts/{AccountSid}/Queues.json", scope: "calls:write", form: z.object({ FriendlyName: text.optional(), MaxSize: maxSize }) },
  async ({ actor, principal, form }) => {
    if (!form.FriendlyName) throw twilioBadRequest(21201, "Missing required parameter FriendlyName");
    const created = await createQueue(actor, { friendlyName: form.FriendlyName, ...(form.MaxSize !== undefined ? { maxSize: form.MaxSize } : {}) });
    return { status: 201, body: toTwilioQueue(created, principal.accountSid) };
  },
);

const QUEUE_PATH = "/2010-04-01/Accounts/{AccountSid}/Queues/{QueueSid}.json";

const fetchQueue = defineTwilioRoute({ method: "GET", path: QUEUE_PATH, scope: "calls:read" }, async ({ actor, principal, params }) => ({
  status: 200,
  body: toTwilioQueue(await getQueue(actor, { queueId: sidOf(params.queueSid) }), principal.accountSid),
}));

const updateTwilioQueue = defineTwilioRoute(
  { method: "POST", path: QUEUE_PATH, scope: "calls:write", form: z.object({ FriendlyName: text.optional(), MaxSize: maxSize }) },
  async ({ actor, principal, params, form }) => {
    const updated = await updateQueue(actor, { queueId: sidOf(params.queueSid), ...(form.FriendlyName !== undefined ? { friendlyName: form.FriendlyName } : {}), ...(form.MaxSize !== undefined ? { maxSize: form.MaxSize } : {}) });
    return { status: 200, body: toTwilioQueue(updated, principal.accountSid) };
  },
);

const deleteTwilioQueue = defineTwilioRoute({ method: "DELETE", path: QUEUE_PATH, scope: "calls:write" }, async ({ actor, params }) => {
  await deleteQueue(actor, { queueId: sidOf(params.queueSid) });
  return { status: 204 };
});

const listMembers = defineTwilioRoute(
  { method: "GET", path: "/2010-04-01/Accounts/{AccountSid}/Queues/{QueueSid}/Members.json", scope: "calls:read", query: ZTwilioPageQuery },
  async ({ actor, principal, params, query }) => {
    const queueId = sidOf(params.queueSid);
    const { page, pageSize } = readPageQuery(query, /^CA[0-9a-f]{32}$/);
    const line = await findQueueMembers(actor, { queueId });
    const items = line.slice(page * pageSize, (page + 1) * pageSize).map((m) => toTwilioMember(m, principal.accountSid));
    return { status: 200, body: twilioPage("queue_members", items, { path: `${accountPath(principal.accountSid)}/Queues/${queueId}/Members.json`, filters: {}, page, pageSize, pageToken: query.PageToken ?? null, nextCursor: null }) };
  },
);

const MEMBER_PATH = "/2010-04-01/Accounts/{AccountSid}/Queues/{QueueSid}/Members/{CallSid}.json";
const memberIds = (params: Record<string, string>) => ({ queueId: sidOf(params.queueSid), callId: sidOf(params.callSid) });

const fetchMember = defineTwilioRoute({ method: "GET", path: MEMBER_PATH, scope: "calls:read" }, async ({ actor, principal, params }) => ({
  status: 200,
  body: toTwilioMember(await getQueueMember(actor, memberIds(params)), principal.accountSid),
}));

const dequeueMember = defineTwilioRoute(
  { method: "POST", path: MEMBER_PATH, scope: "calls:write", form: z.object({ Url: text.optional(), Method: method.optional() }) },
  async ({ actor, principal, params, form }) => {
    if (!form.Url) throw twilioBadRequest(21205, "Missing required parameter Url");
    const member = await dequeueQueueMember(actor, { ...memberIds(params), url: form.Url, method: form.Method ?? "POST" });
    return { status: 200, body: toTwilioMember(member, principal.accountSid) };
  },
);

export const twilioQueuesRoute = { GET: listQueues, POST: createTwilioQueue };
export const twilioQueueRoute = { GET: fetchQueue, POST: updateTwilioQueue, DELETE: deleteTwilioQueue };
export const twilioQueueMembersRoute = { GET: listMembers };
export const twilioQueueMemberRoute = { GET: fetchMember, POST: dequeueMember };
