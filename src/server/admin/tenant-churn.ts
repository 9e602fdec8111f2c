// What "active" and "churned" mean for a tenant on /admin/revenue, as SQL over "Tenant" t.
//   active:  status ACTIVE (a tenant scheduled for deletion is suspended, tenant-deletion.ts).
//   churned: not ACTIVE, on the day it was suspended or its deletion was scheduled, whichever came first. A tenant
//            reinstated (or whose deletion was cancelled) is active again and has churned on no day.
// A tenant purged at the end of its grace period leaves with its call records: it no longer counts anywhere.
import { Prisma } from "@/generated/prisma/client";

export const ACTIVE_TENANT = Prisma.sql`t.status = 'ACTIVE'`;

/** When the tenant churned (NULL: it has not). LEAST ignores NULLs. */
export const TENANT_CHURNED_AT = Prisma.sql`CASE WHEN t.status <> 'ACTIVE' THEN LEAST(t."suspendedAt", t."deletionRequestedAt") END`;
