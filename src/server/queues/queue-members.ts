// Twilio's Member resource (a call waiting in a queue) on the queues' rows: the line of one queue, one member (by its
// CallSid, or `Front` for the next in line), and the dequeue that redirects that member's call to a URL (the member
// leaves the queue; its <Enqueue> action hears redirected, as on any live change). Another tenant's queue or call is
// not found.
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { CALL_READ_ROLE, CALL_WRITE_ROLE } from "@/server/calls/call-view";
import { redirectCall } from "@/server/calls/redirect-call";
import { assertRole, type Actor } from "@/server/tenancy";

export interface QueueMemberView {
  callId: string;
  queueId: string;
  /** 1 is next in line. */
  position: number;
  enqueuedAt: Date;
  waitSeconds: number;
}

async function lineOf(tenantId: string, queueId: string): Promise<QueueMemberView[]> {
  const queue = await db.callQueue.findFirst({ where: { id: queueId, tenantId }, select: { id: true } });
  if (!queue) throw notFound("queue");
  const rows = await db.queueMember.findMany({ where: { tenantId, queueId }, orderBy: { position: "asc" }, select: { callId: true, enqueuedAt: true } });
  const now = Date.now();
  return rows.map((r, i) => ({ callId: r.callId, queueId, position: i + 1, enqueuedAt: r.enqueuedAt, waitSeconds: Math.max(0, Math.round((now - r.enqueuedAt.getTime()) / 1000)) }));
}

export async function findQueueMembers(actor: Actor, input: { queueId: string }): Promise<QueueMemberView[]> {
  assertRole(actor, CALL_READ_ROLE);
  return lineOf(actor.tenantId, input.queueId);
}

/** One member by its call, or `Front`: the next in line. */
export async function getQueueMember(actor: Actor, input: { queueId: string; callId: string }): Promise<QueueMemberView> {
  assertRole(actor, CALL_READ_ROLE);
  const line = await lineOf(actor.tenantId, input.queueId);
  const member = input.callId === "Front" ? line[0] : line.find((m) => m.callId === input.callId);
  if (!member) throw notFound("queue member");
  return member;
}

/** Twilio's Members POST: the member's call runs the document at `url` at once (it leaves the queue). */
export async function dequeueQueueMember(actor: Actor, input: { queueId: string; callId: string; url: string; method: "GET" | "POST" }): Promise<QueueMemberView> {
  assertRole(actor, CALL_WRITE_ROLE);
  const member = await getQueueMember(actor, input);
  await redirectCall(actor, { callId: member.callId, url: input.url, method: input.method });
  return member;
}
