// The signed-in agent's call history, newest first, for the desktop: every call that rang one of their lines (the
// ACD's offers, transfers and consultations to them, a colleague's or a flow's <Dial><Client>: legs to client:<line>)
// and every call they placed from a line (stored as inbound from client:<line>). Each row names the other party (the
// caller, or the number called) and the contact it matches, the queue, when, how long, whether it was answered, and
// the agent's wrap-up (disposition, notes) when they wrote one. Paged newest first (paging.ts's shape).
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { AGENT_ROLE } from "@/server/agents/agent-view";
import { ZFindMyCallsInput, type TFindMyCallsInput } from "@/server/agents/agents.schemas";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";

export interface MyCallRow {
  /** The leg of this agent's line (what rang, or what they placed). */
  id: string;
  /** The customer's call (the leg's parent; the call itself when the agent placed it). */
  callId: string;
  direction: "inbound" | "outbound";
  number: string;
  contact: { id: string; name: string } | null;
  queueName: string | null;
  startedAt: Date;
  durationSeconds: number;
  /** answered, missed (rang, not answered), the final status of a call the agent placed, or still ringing / going (live). */
  outcome: "answered" | "missed" | "completed" | "no-answer" | "busy" | "failed" | "ringing" | "live";
  disposition: string | null;
  notes: string | null;
}

interface LegRow {
  id: string;
  parentCallId: string | null;
  from: string;
  to: string;
  status: string;
  answeredAt: Date | null;
  durationSeconds: number | null;
  createdAt: Date;
}

export async function findMyCalls(actor: Actor, rawInput: TFindMyCallsInput = {}): Promise<Page<MyCallRow>> {
  assertRole(actor, AGENT_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member is an agent");
  const input = ZFindMyCallsInput.parse(rawInput);
  const tenantId = actor.tenantId;
  const me = await db.agent.findFirst({ where: { tenantId, userId: actor.userId }, select: { id: true } });
  const lines = (await db.sipUser.findMany({ where: { tenantId, userId: actor.userId }, select: { username: true } })).map((l) => `client:${l.username}`);
  const mine = { OR: [{ to: { in: lines } }, { from: { in: lines }, parentCallId: null }] };
  let where: object = { tenantId, ...mine };
  if (input.cursor) {
    const last = await db.call.findFirst({ where: { id: input.cursor, tenantId, ...mine }, select: { id: true, createdAt: true } });
    if (!last) throw new AppError("VALIDATION_FAILED", "cursor: not a call of this list", { details: { fieldErrors: { cursor: ["not a call of this list"] } } });
    where = { tenantId, AND: [mine, olderThan(last)] };
  }
  if (!me || lines.length === 0) return { items: [], hasMore: false, nextCursor: null };
  // Two index range scans ((tenantId, to, createdAt) and (tenantId, from, createdAt)), merged.
  const legs: LegRow[] = await db.call.findMany({
    where,
    orderBy: NEWEST_FIRST,
    take: input.limit + 1,
    select: { id: true, parentCallId: true, from: true, to: true, status: true, answeredAt: true, durationSeconds: true, createdAt: true },
  });
  const page = legs.slice(0, input.limit);
  const parentIds = [...new Set(page.map((l) => l.parentCallId).filter((id): id is string => id !== null))];
  const placedIds = page.filter((l) => l.parentCallId === null).map((l) => l.id);
  const [parents, placedLegs, outcomes, wrapUps, consults] = await Promise.all([
    db.call.findMany({ where: { tenantId, id: { in: parentIds } }, select: { id: true, direction: true, from: true, to: true } }),
    // The number an agent's own call dialled: its child leg's destination.
    db.call.findMany({ where: { tenantId, parentCallId: { in: placedIds } }, select: { parentCallId: true, to: true }, orderBy: { createdAt: "asc" } }),
    db.queueOutcome.findMany({ where: { tenantId, agentId: me.id, itemId: { in: parentIds } }, select: { itemId: true, queueId: true } }),
    db.callWrapUp.findMany({ where: { tenantId, agentId: me.id, callId: { in: [...parentIds, ...placedIds] } }, select: { callId: true, dispositionId: true, notes: true }, orderBy: { startedAt: "desc" } }),
    // A consultation's leg hangs off the consulted call; its customer may be that call's own leg.
    db.callConsult.findMany({ where: { tenantId, targetCallId: { in: page.map((l) => l.id) } }, select: { targetCallId: true, customerCallId: true } }),
  ]);
  const customerIds = consults.map((k) => k.customerCallId).filter((id) => !parents.some((p) => p.id === id));
  const customers = customerIds.length ? await db.call.findMany({ where: { tenantId, id: { in: customerIds } }, select: { id: true, direction: true, from: true, to: true } }) : [];
  const queueIds = [...new Set(outcomes.map((o) => o.queueId))];
  const dispositionIds = [...new Set(wrapUps.map((w) => w.dispositionId).filter((id): id is string => id !== null))];
  const [queues, dispositions] = await Promise.all([
    db.callQueue.findMany({ where: { tenantId, id: { in: queueIds } }, select: { id: true, friendlyName: true } }),
    db.disposition.findMany({ where: { tenantId, id: { in: dispositionIds } }, select: { id: true, name: true } }),
  ]);
  const callsById = new Map([...parents, ...customers].map((c) => [c.id, c]));
  const rows = page.map((leg) => {
    const placed = leg.parentCallId === null;
    const consultedCustomer = consults.find((k) => k.targetCallId === leg.id)?.customerCallId;
    const customer = callsById.get(consultedCustomer ?? leg.parentCallId ?? "");
    const number = placed
      ? (placedLegs.find((p) => p.parentCallId === leg.id)?.to ?? leg.to)
      : customer
        ? customer.direction === "INBOUND" && !customer.from.startsWith("client:")
          ? customer.from
          : customer.to
        : leg.from;
    const callId = placed ? leg.id : (leg.parentCallId ?? leg.id);
    const queueId = outcomes.find((o) => o.itemId === callId)?.queueId;
    const wrapUp = wrapUps.find((w) => w.callId === callId) ?? null;
    return {
      id: leg.id,
      callId,
      direction: placed ? ("outbound" as const) : ("inbound" as const),
      number,
      contact: null as MyCallRow["contact"],
      queueName: queues.find((q) => q.id === queueId)?.friendlyName ?? null,
      startedAt: leg.createdAt,
      durationSeconds: leg.durationSeconds ?? 0,
      outcome: outcomeOf(leg, placed),
      disposition: wrapUp?.dispositionId ? (dispositions.find((d) => d.id === wrapUp.dispositionId)?.name ?? null) : null,
      notes: wrapUp?.notes ? wrapUp.notes : null,
    };
  });
  const numbers = [...new Set(rows.map((r) => r.number).filter((n) => n.startsWith("+")))];
  const identities = numbers.length
    ? await db.contactIdentity.findMany({ where: { tenantId, kind: "PHONE", value: { in: numbers } }, select: { value: true, contact: { select: { id: true, displayName: true } } } })
    : [];
  for (const row of rows) {
    const found = identities.find((i) => i.value === row.number)?.contact;
    row.contact = found ? { id: found.id, name: found.displayName } : null;
  }
  return { ...toPage(legs, input.limit), items: rows };
}

function outcomeOf(leg: LegRow, placed: boolean): MyCallRow["outcome"] {
  const final = ["COMPLETED", "BUSY", "FAILED", "NO_ANSWER", "CANCELED"].includes(leg.status);
  if (!final) return leg.status === "IN_PROGRESS" ? "live" : "ringing";
  if (!placed) return leg.answeredAt ? "answered" : "missed";
  switch (leg.status) {
    case "BUSY":
      return "busy";
    case "FAILED":
      return "failed";
    case "NO_ANSWER":
    case "CANCELED":
      return "no-answer";
    default:
      return "completed";
  }
}
