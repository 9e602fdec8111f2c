import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { findTenantsDueForPurge, purgeTenant } from "@/server/admin/purge-deleted-tenants";

/**
 * Hourly: purges every tenant whose 30-day deletion grace period is over. One step per tenant, so a retry repeats
 * only the tenant that failed (each step is idempotent: a purged tenant is simply gone, a restored one is skipped).
 */
export const purgeDeletedTenantsCron = inngest.createFunction(
  { id: "purge-deleted-tenants", triggers: [cron("17 * * * *")], concurrency: { limit: 1 } },
  async ({ event, step }) => {
    const now = new Date(event.ts ?? Date.now());
    const due = await step.run("find-due-tenants", () => findTenantsDueForPurge(now, 20));
    let purged = 0;
    for (const tenantId of due) {
      const result = await step.run(`purge-${tenantId}`, () => purgeTenant(tenantId, { now }));
      if (result) purged++;
    }
    return { due: due.length, purged };
  },
);
