// The worker's originator asks for work with claimQueuedCalls. Pacing is per tenant: at most `callsPerSecond`
// outbound calls initiated in any rolling second and at most `maxConcurrentCalls` live legs; the rest stay queued.
// Tenants are served round-robin (each tenant's oldest calls first, interleaved), so one tenant's backlog never
// starves another. Concurrent claimers (several workers, or one worker's overlapping ticks) never get the same
// call (FOR UPDATE SKIP LOCKED) and never overrun a tenant's budget (a per-tenant advisory lock, taken before the
// statement that counts, so its snapshot already sees the other claimer's committed work). A call past its queue
// deadline (queueExpiresAt) is never claimed, whether or not the sweeper (expire-queued-calls.ts) has failed it yet.
// `initiatedAt` is the database's clock, never before the call's queuedAt (call-timeline.ts). Only the worker
// holding a live lease of the switch claims (src/server/workers/switch-lease.ts): a second worker for the same
// switch, or one whose lease lapsed, gets SwitchLeaseNotHeldError and claims nothing.
import { readMachineDetection, type StoredMachineDetection } from "@/server/calls/machine-detection";
import { Prisma } from "@/generated/prisma/client";
import { callTransaction, writeCallTransitions } from "@/server/calls/call-transitions";
import { CALL_VIEW_INCLUDE, toCallView, type CallView } from "@/server/calls/call-view";
import type { TCallInstruction } from "@/server/calls/calls.schemas";
import { lockSwitchLease } from "@/server/workers/switch-lease";

export interface ClaimQueuedCallsInput {
  /** The switch the worker owns (SWITCH_ID): queued calls with no switch or this one are eligible. */
  switchId: string;
  /** Identifies the worker process (for claimedBy); it must hold the switch's lease. */
  workerId: string;
  /** Most calls to claim in this round. */
  limit: number;
}

export interface ClaimedCall extends CallView {
  /** FreeSWITCH gateway of the `from` number (PhoneNumber.carrierGateway); null: the worker's default gateway. */
  carrierGateway: string | null;
  /** The tenant's Twilio AccountSid (for fetching the call's url Twilio-style). */
  accountSid: string;
  /** DTMF for the called party once it answers (Twilio's SendDigits). */
  sendDigits: string | null;
  fallbackUrl: string | null;
  fallbackMethod: string;
  /** Answering-machine detection to run on answer (Call.machineDetection). */
  machineDetection: StoredMachineDetection | null;
}

/** Advisory-lock namespace of the per-tenant claim lock (pg_try_advisory_xact_lock(ns, hashtext(tenantId))). */
const CLAIM_LOCK_NAMESPACE = 0x1715;
/** Tenants considered per round; more wait for the next round (a round takes milliseconds). */
const MAX_TENANTS_PER_ROUND = 200;
/** The database clock as the UTC wall time Prisma's timestamp(3) columns hold, whatever the session time zone. */
const NOW = Prisma.raw(`(now() AT TIME ZONE 'UTC')`);
/** A queued call this claimer may take: unassigned or on this switch, and not past its queue deadline. */
const claimable = (switchId: string) =>
  Prisma.sql`c.status = 'QUEUED' AND (c."switchId" IS NULL OR c."switchId" = ${switchId}) AND (c."queueExpiresAt" IS NULL OR c."queueExpiresAt" > ${NOW})`;

interface TenantBudget {
  tenantId: string;
  budget: number;
}

export async function claimQueuedCalls(input: ClaimQueuedCallsInput): Promise<ClaimedCall[]> {
  const limit = Math.max(0, Math.floor(input.limit));
  if (limit === 0) return [];
  return callTransaction(async (tx) => {
    // 0. The lease, share-locked until the claim commits: a takeover waits for it, and then owns every call claimed.
    await lockSwitchLease(tx, input);
    // 1. Active tenants with credit and eligible queued calls, in random order (fair over rounds), that no other
    //    claimer is serving. Calls of a suspended or exhausted account wait queued (or are canceled by the client).
    const tenants = await tx.$queryRaw<{ id: string }[]>`
      WITH waiting AS MATERIALIZED (
        SELECT t.id FROM "Tenant" t
        WHERE t.status = 'ACTIVE' AND t."creditMicros" > 0
          AND EXISTS (SELECT 1 FROM "Call" c WHERE c."tenantId" = t.id AND ${claimable(input.switchId)})
        ORDER BY random()
        LIMIT ${MAX_TENANTS_PER_ROUND}
      )
      SELECT id FROM waiting WHERE pg_try_advisory_xact_lock(${CLAIM_LOCK_NAMESPACE}::int, hashtext(id))`;
    if (tenants.length === 0) return [];
    const tenantIds = tenants.map((t) => t.id);

    // 2. Each tenant's budget: calls-per-second left in the rolling second, and concurrency left. Calls initiated in
    //    the last second are either still live, or already ended (then their CallRecord ended in that second too,
    //    which the CallRecord (tenantId, endedAt) index finds without scanning the tenant's history).
    const budgets = await tx.$queryRaw<TenantBudget[]>`
      SELECT t.id AS "tenantId",
        LEAST(
          t."callsPerSecond" - (
            (SELECT count(*) FROM "Call" c
              WHERE c."tenantId" = t.id AND c.status IN ('INITIATED', 'RINGING', 'IN_PROGRESS')
                AND c.direction <> 'INBOUND' AND c."initiatedAt" > ${NOW} - interval '1 second')
            + (SELECT count(*) FROM "CallRecord" r JOIN "Call" c ON c.id = r."callId"
              WHERE r."tenantId" = t.id AND r."endedAt" > ${NOW} - interval '2 seconds'
                AND c.direction <> 'INBOUND' AND c."initiatedAt" > ${NOW} - interval '1 second')
          ),
          t."maxConcurrentCalls" - (SELECT count(*) FROM "Call" l WHERE l."tenantId" = t.id AND l.status IN ('INITIATED', 'RINGING', 'IN_PROGRESS'))
        )::int AS budget
      FROM "Tenant" t WHERE t.id = ANY(${tenantIds}::text[])`;
    const open = budgets.filter((b) => b.budget > 0);
    if (open.length === 0) return [];

    // 3. Each tenant's oldest eligible calls up to its budget, interleaved by rank, cut at the round's limit.
    const claimed = await tx.$queryRaw<{ id: string; eventSequence: number; initiatedAt: Date }[]>`
      WITH budget AS (
        SELECT * FROM unnest(${open.map((b) => b.tenantId)}::text[], ${open.map((b) => b.budget)}::int[]) AS b("tenantId", n)
      ),
      picked AS (
        SELECT p.id, p."queuedAt", row_number() OVER (PARTITION BY p."tenantId" ORDER BY p."queuedAt", p.id) AS rank
        FROM budget b
        CROSS JOIN LATERAL (
          SELECT c.id, c."tenantId", c."queuedAt" FROM "Call" c
          WHERE c."tenantId" = b."tenantId" AND ${claimable(input.switchId)}
          ORDER BY c."queuedAt", c.id
          LIMIT b.n
          FOR UPDATE SKIP LOCKED
        ) p
      ),
      chosen AS (SELECT id FROM picked ORDER BY rank, "queuedAt", id LIMIT ${limit})
      UPDATE "Call" c SET
        status = 'INITIATED', "switchId" = ${input.switchId}, "claimedBy" = ${input.workerId}, "claimedAt" = ${NOW},
        "initiatedAt" = GREATEST(${NOW}, c."queuedAt"), "channelUuid" = gen_random_uuid()::text,
        "eventSequence" = c."eventSequence" + 1, "updatedAt" = ${NOW}
      FROM chosen WHERE c.id = chosen.id AND c.status = 'QUEUED'
      RETURNING c.id, c."eventSequence", c."initiatedAt"`;
    if (claimed.length === 0) return [];

    const rows = await tx.call.findMany({
      where: { id: { in: claimed.map((c) => c.id) } },
      include: { ...CALL_VIEW_INCLUDE, tenant: { select: { accountSid: true } }, phoneNumber: { select: { carrierGateway: true } } },
      orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
    });
    const calls: ClaimedCall[] = rows.map((r) => ({ ...toCallView(r), instructions: (r.instructions as TCallInstruction[] | null) ?? null, carrierGateway: r.phoneNumber?.carrierGateway ?? null, accountSid: r.tenant.accountSid, sendDigits: r.sendDigits, fallbackUrl: r.fallbackUrl, fallbackMethod: r.fallbackMethod, machineDetection: readMachineDetection(r.machineDetection) }));
    await writeCallTransitions(
      tx,
      calls.map((call) => ({ call, accountSid: call.accountSid, type: "initiated" as const, status: "INITIATED" as const, at: call.initiatedAt!, sequence: call.eventSequence, data: { switchId: input.switchId, workerId: input.workerId, channelUuid: call.channelUuid } })),
    );
    return calls;
  });
}
