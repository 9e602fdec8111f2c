// The tenants list of /admin: search (name, slug, id, AccountSid, owner's email), filters (plan, status, created
// range, usage in the last 30 days), sort (name, created, status, credit, usage) and pages with the total count.
// Two reads: the page's ids and the total in one statement over Tenant (10,000 rows; usage from the daily rollup
// TenantDailyUsage, joined only when the sort or a filter needs every tenant's figure), then the page's rows.
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { escapeLike } from "@/server/shared/like-pattern";
import { validateInput } from "@/server/shared/validate-input";

export const TENANT_SORTS = ["name", "created", "status", "credit", "usage"] as const;
export const TENANT_STATUS_FILTERS = ["ACTIVE", "SUSPENDED", "DELETING"] as const;
/** active: at least one call in the last 30 days; inactive: none. */
export const TENANT_USAGE_BANDS = ["active", "inactive"] as const;
/** The plan filter's value for tenants on the platform's default plan (no price plan of their own). */
export const DEFAULT_PLAN = "default";
export const USAGE_DAYS = 30;

const ZDate = z.coerce.date({ message: "a date" });
export const ZFindTenantsInput = z.strictObject({
  q: z.string().trim().max(200, "at most 200 characters").optional(),
  status: z.enum(TENANT_STATUS_FILTERS, { message: "ACTIVE, SUSPENDED or DELETING" }).optional(),
  /** A price plan's id, or "default". */
  plan: z.string().trim().min(1).max(64).optional(),
  createdFrom: ZDate.optional(),
  createdTo: ZDate.optional(),
  usage: z.enum(TENANT_USAGE_BANDS, { message: "active or inactive" }).optional(),
  sort: z.enum(TENANT_SORTS, { message: `one of ${TENANT_SORTS.join(", ")}` }).default("created"),
  dir: z.enum(["asc", "desc"], { message: "asc or desc" }).default("desc"),
  page: z.number().int().min(1, "1 or more").max(100_000).default(1),
  pageSize: z.number().int().min(1, "1 or more").max(100, "at most 100").default(50),
});
export type TFindTenantsInput = z.input<typeof ZFindTenantsInput>;
type Filter = z.output<typeof ZFindTenantsInput>;

const DAY_MS = 86_400_000;

/** The first UTC day counted as "the last 30 days" (today and the 29 before it). */
export function usageSince(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (USAGE_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
}

function searchCondition(q: string): Prisma.Sql {
  const exact = Prisma.sql`t.id = ${q} OR t."accountSid" = ${q} OR t.slug = ${q.toLowerCase()}`;
  // Three characters or more: any part, on the trigram indexes. Fewer (trigrams need three): the start, on the
  // lower(column) btrees.
  const matches = (column: Prisma.Sql) =>
    q.length >= 3 ? Prisma.sql`${column} ILIKE ${`%${escapeLike(q)}%`}` : Prisma.sql`lower(${column}) LIKE ${`${escapeLike(q.toLowerCase())}%`}`;
  const owners = Prisma.sql`SELECT m."tenantId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id AND m.role = 'OWNER' WHERE ${matches(Prisma.sql`u.email`)}`;
  return Prisma.sql`(${exact} OR ${matches(Prisma.sql`t.name`)} OR ${matches(Prisma.sql`t.slug`)} OR t.id IN (${owners}))`;
}

function conditions(f: Filter): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.q) where.push(searchCondition(f.q));
  if (f.status === "DELETING") where.push(Prisma.sql`t."deletionRequestedAt" IS NOT NULL`);
  else if (f.status) where.push(Prisma.sql`t.status = ${f.status}::"TenantStatus" AND t."deletionRequestedAt" IS NULL`);
  if (f.plan === DEFAULT_PLAN) where.push(Prisma.sql`t."pricePlanId" IS NULL`);
  else if (f.plan) where.push(Prisma.sql`t."pricePlanId" = ${f.plan}`);
  // Timestamps are stored as UTC without a zone: compare with the instants' UTC wall-clock time.
  if (f.createdFrom) where.push(Prisma.sql`t."createdAt" >= ${f.createdFrom.toISOString()}::timestamp`);
  if (f.createdTo) where.push(Prisma.sql`t."createdAt" <= ${f.createdTo.toISOString()}::timestamp`);
  if (f.usage === "active") where.push(Prisma.sql`u.calls > 0`);
  if (f.usage === "inactive") where.push(Prisma.sql`u.calls IS NULL`);
  return where;
}

function orderBy(f: Filter): Prisma.Sql {
  const dir = Prisma.raw(f.dir === "asc" ? "ASC" : "DESC");
  const key = {
    name: Prisma.sql`lower(t.name) ${dir}`,
    created: Prisma.sql`t."createdAt" ${dir}`,
    // Active, then suspended, then awaiting deletion (ascending).
    status: Prisma.sql`(CASE WHEN t."deletionRequestedAt" IS NOT NULL THEN 2 WHEN t.status = 'SUSPENDED' THEN 1 ELSE 0 END) ${dir}`,
    credit: Prisma.sql`t."creditMicros" ${dir}`,
    usage: Prisma.sql`coalesce(u.calls, 0) ${dir}`,
  }[f.sort];
  return Prisma.sql`${key}, t.id ${dir}`;
}

export async function findTenants(input: TFindTenantsInput = {}, now = new Date()) {
  const f = validateInput(ZFindTenantsInput, input);
  const since = usageSince(now);
  const where = conditions(f);
  const needsUsage = f.sort === "usage" || f.usage !== undefined;
  const usage = needsUsage
    ? Prisma.sql`LEFT JOIN (SELECT "tenantId", sum(calls)::int AS calls FROM "TenantDailyUsage" WHERE day >= ${since}::date GROUP BY "tenantId" HAVING sum(calls) > 0) u ON u."tenantId" = t.id`
    : Prisma.empty;
  const page = await db.$queryRaw<{ id: string; total: bigint }[]>(Prisma.sql`
    SELECT t.id, count(*) OVER () AS total
    FROM "Tenant" t ${usage}
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    ORDER BY ${orderBy(f)}
    LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`);
  const ids = page.map((r) => r.id);
  // A page past the end still says how many there are.
  const total = page.length ? Number(page[0]!.total) : f.page > 1 ? await countOnly(usage, where) : 0;

  // The page's figures are read per id on indexes (a nested member count made Prisma scan every membership).
  const [rows, members, owners, calls] = await Promise.all([
    db.tenant.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        name: true,
        slug: true,
        status: true,
        suspendedReason: true,
        creditMicros: true,
        currency: true,
        createdAt: true,
        callsPerSecond: true,
        maxConcurrentCalls: true,
        pricePlanId: true,
        pricePlan: { select: { name: true } },
        maxPhoneNumbers: true,
        maxSeats: true,
        deletionRequestedAt: true,
        purgeAfter: true,
      },
    }),
    db.membership.groupBy({ by: ["tenantId"], where: { tenantId: { in: ids } }, _count: { _all: true } }),
    db.membership.findMany({ where: { tenantId: { in: ids }, role: "OWNER" }, orderBy: { createdAt: "asc" }, select: { tenantId: true, user: { select: { email: true } } } }),
    db.tenantDailyUsage.groupBy({ by: ["tenantId"], where: { tenantId: { in: ids }, day: { gte: new Date(`${since}T00:00:00Z`) } }, _sum: { calls: true } }),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const memberCount = new Map(members.map((m) => [m.tenantId, m._count._all]));
  const ownerEmail = new Map<string, string>();
  for (const o of owners) if (!ownerEmail.has(o.tenantId)) ownerEmail.set(o.tenantId, o.user.email);
  const callsOf = new Map(calls.map((c) => [c.tenantId, c._sum.calls ?? 0]));
  const items = ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { pricePlan, ...t } = row;
    return [{ ...t, pricePlanName: pricePlan?.name ?? null, ownerEmail: ownerEmail.get(id) ?? null, memberCount: memberCount.get(id) ?? 0, callsLast30Days: callsOf.get(id) ?? 0 }];
  });
  return { items, total, page: f.page, pageSize: f.pageSize, usageSince: since };
}

async function countOnly(usage: Prisma.Sql, where: Prisma.Sql[]): Promise<number> {
  const [row] = await db.$queryRaw<{ total: bigint }[]>(Prisma.sql`
    SELECT count(*) AS total FROM "Tenant" t ${usage} ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}`);
  return Number(row?.total ?? 0);
}
