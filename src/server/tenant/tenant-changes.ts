// A tenant's access changed (suspended, reinstated): every app instance must refuse or admit its API keys and
// Twilio credentials at once, not when their few-second credential caches expire. The change is announced with
// pg_notify in the transaction that makes it (delivered on commit); each process that authenticates API traffic
// LISTENs and evicts that tenant's cached credentials. After a reconnect (notifications may have been lost) it
// evicts everything.
import { env } from "@/env";
import type { DbOrTx } from "@/server/db";
import { logger } from "@/server/logger";
import { PgNotificationListener } from "@/server/shared/pg-notification-listener";
import { processState } from "@/server/shared/process-state";
import { onShutdown } from "@/server/shutdown";

export const TENANT_CHANGED_CHANNEL = "irisx_tenant_changed";

type Evictor = (tenantId: string | null) => void;
const state = processState("tenant.changes", () => ({ listener: null as PgNotificationListener | null, evictors: [] as Evictor[] }));

/** Called once by each credential cache with what to drop for a tenant (null: everything). */
export function onTenantChanged(evict: Evictor): void {
  if (!state.evictors.includes(evict)) state.evictors.push(evict);
}

export function evictTenant(tenantId: string | null): void {
  for (const evict of state.evictors) evict(tenantId);
}

/** Inside the transaction that changes the tenant: every process hears it when it commits. */
export async function announceTenantChanged(tx: DbOrTx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${TENANT_CHANGED_CHANNEL}, ${tenantId})`;
}

/** Starts this process's LISTEN (once; cheap to call on every request). */
export function listenForTenantChanges(): void {
  if (state.listener || !env.DATABASE_URL) return;
  const listener = new PgNotificationListener({
    connectionString: env.DATABASE_URL,
    channels: [TENANT_CHANGED_CHANNEL],
    applicationName: "irisx-tenant-changes",
    log: logger,
    onNotification: (_channel, tenantId) => evictTenant(tenantId),
    onReconnect: () => evictTenant(null),
  });
  state.listener = listener;
  void listener.start();
  onShutdown("tenant-changes", () => listener.stop());
}

/** For tests: resolves once LISTEN is in place. */
export async function tenantChangesListening(timeoutMs = 5_000): Promise<void> {
  listenForTenantChanges();
  const deadline = Date.now() + timeoutMs;
  while (!state.listener?.connected) {
    if (Date.now() > deadline) throw new Error("tenant-change LISTEN did not come up");
    await new Promise((r) => setTimeout(r, 20));
  }
}
