// What "active" and "churned" mean for a tenant on /admin/revenue, as SQL over "Tenant" t.
//   active:  status ACTIVE, and not deleted (pending deletion counts as gone).
//   churned: suspended (status not ACTIVE) on the day of suspendedAt, or deleted on the day of deletedAt; a tenant
//            both suspended and deleted churned on the earlier day. A reinstated tenant is active again, not churned.
// DELETION JOINS HERE: Tenant.deletedAt (deletion with a 30-day grace period, issue 13) is used when the column
// exists, so this works before and after that migration; once it has landed everywhere, the check can go and the
// two fragments below become plain SQL.
import { Prisma } from "@/generated/prisma/client";
import type { DbOrTx } from "@/server/db";

export interface TenantLifecycleSql {
  /** A condition on t: the tenant is active. */
  active: Prisma.Sql;
  /** An expression on t: when it churned (NULL: it has not). */
  churnedAt: Prisma.Sql;
}

const SUSPENDED_AT = Prisma.sql`CASE WHEN t.status <> 'ACTIVE' THEN t."suspendedAt" END`;

export async function tenantLifecycleSql(client: DbOrTx): Promise<TenantLifecycleSql> {
  const [row] = await client.$queryRaw<{ deletable: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'Tenant' AND column_name = 'deletedAt'
    ) AS deletable`;
  if (!row?.deletable) return { active: Prisma.sql`t.status = 'ACTIVE'`, churnedAt: SUSPENDED_AT };
  return {
    active: Prisma.sql`t.status = 'ACTIVE' AND t."deletedAt" IS NULL`,
    // LEAST ignores NULLs: whichever of the two happened (first).
    churnedAt: Prisma.sql`LEAST(${SUSPENDED_AT}, t."deletedAt")`,
  };
}
