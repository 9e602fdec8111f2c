// A worker process says it is alive, and whether it holds its FreeSWITCH link: one WorkerInstance row per
// process, upserted every few seconds and on every link change. /api/health (get-health.ts) reads these rows.
import type { Db } from "@/server/db";

/** linkState values a worker writes. "connected" is health's SWITCH_LINK_UP. */
export const WORKER_LINK_STATES = ["connecting", "connected", "disconnected", "draining", "stopped"] as const;
export type WorkerLinkState = (typeof WORKER_LINK_STATES)[number];

export interface RecordWorkerHeartbeatInput {
  id: string;
  hostname: string;
  switchId: string;
  linkState: WorkerLinkState;
  version: string;
  at?: Date;
}

export async function recordWorkerHeartbeat(db: Db, input: RecordWorkerHeartbeatInput): Promise<void> {
  const at = input.at ?? new Date();
  await db.workerInstance.upsert({
    where: { id: input.id },
    create: { id: input.id, hostname: input.hostname, switchId: input.switchId, linkState: input.linkState, lastHeartbeatAt: at, version: input.version },
    update: { linkState: input.linkState, lastHeartbeatAt: at },
  });
}
