// The people a segment picks, as SQL: owners (or owners and admins) of the tenants matching every filter, one row
// per email address (a person in several tenants is mailed once, as the tenant they own, else the oldest one). The
// same query counts them for the composer and snapshots them when the broadcast is sent, so the count shown is the
// list mailed.
import { Prisma } from "@/generated/prisma/client";
import { DEFAULT_PLAN, ZBroadcastSegment, type TBroadcastSegment, type TBroadcastSegmentInput } from "@/server/broadcasts/broadcasts.schemas";
import { db, type DbOrTx } from "@/server/db";
import { sqlUtc } from "@/server/shared/sql-utc";

const DAY_MS = 86_400_000;

function segmentFilter(segment: TBroadcastSegment, now: Date): Prisma.Sql {
  const roles = segment.audience === "owners" ? ["OWNER"] : ["OWNER", "ADMIN"];
  const where = [Prisma.sql`m.role::text IN (${Prisma.join(roles)})`];
  if (segment.statuses.length > 0) where.push(Prisma.sql`t.status::text IN (${Prisma.join(segment.statuses)})`);
  if (segment.plans.length > 0) {
    const ids = segment.plans.filter((p) => p !== DEFAULT_PLAN);
    const either = [...(ids.length > 0 ? [Prisma.sql`t."pricePlanId" IN (${Prisma.join(ids)})`] : []), ...(segment.plans.includes(DEFAULT_PLAN) ? [Prisma.sql`t."pricePlanId" IS NULL`] : [])];
    where.push(Prisma.sql`(${Prisma.join(either, " OR ")})`);
  }
  if (segment.activity.kind !== "any") {
    // Served by Call's (tenantId, createdAt) index.
    const called = Prisma.sql`EXISTS (SELECT 1 FROM "Call" c WHERE c."tenantId" = t.id AND c."createdAt" >= ${sqlUtc(new Date(now.getTime() - segment.activity.days * DAY_MS))})`;
    where.push(segment.activity.kind === "called_within" ? called : Prisma.sql`NOT ${called}`);
  }
  return Prisma.join(where, " AND ");
}

/** SELECT email, "userId", "userName", "tenantId", "tenantName": one row per address, ordered by address. */
export function segmentRecipientsQuery(segment: TBroadcastSegment, now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT ON (u.email) u.email, u.id AS "userId", u.name AS "userName", t.id AS "tenantId", t.name AS "tenantName"
    FROM "Membership" m
    JOIN "Tenant" t ON t.id = m."tenantId"
    JOIN "User" u ON u.id = m."userId"
    WHERE ${segmentFilter(segment, now)}
    ORDER BY u.email, (m.role <> 'OWNER'), m."createdAt", t.id`;
}

export interface SegmentRecipient {
  email: string;
  userId: string;
  userName: string;
  tenantId: string;
  tenantName: string;
}

/** How many addresses the segment picks now. */
export async function countSegmentRecipients(input: TBroadcastSegmentInput, opts: { now?: Date; tx?: DbOrTx } = {}): Promise<number> {
  const segment = ZBroadcastSegment.parse(input);
  const [row] = await (opts.tx ?? db).$queryRaw<{ n: bigint }[]>`
    SELECT count(DISTINCT u.email) AS n
    FROM "Membership" m JOIN "Tenant" t ON t.id = m."tenantId" JOIN "User" u ON u.id = m."userId"
    WHERE ${segmentFilter(segment, opts.now ?? new Date())}`;
  return Number(row?.n ?? 0);
}

/** The addresses the segment picks now, in address order (at most `limit`). */
export async function findSegmentRecipients(input: TBroadcastSegmentInput, opts: { now?: Date; limit?: number } = {}): Promise<SegmentRecipient[]> {
  const segment = ZBroadcastSegment.parse(input);
  const limit = opts.limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${opts.limit}`;
  return db.$queryRaw<SegmentRecipient[]>`SELECT * FROM (${segmentRecipientsQuery(segment, opts.now ?? new Date())}) s ${limit}`;
}
