// The worker processes that have announced themselves for a switch, with their last heartbeat: reconcile uses
// it to tell a claim held by a live worker from one left behind by a dead one.
import type { Db } from "@/server/db";

export interface WorkerInstanceView {
  id: string;
  switchId: string;
  linkState: string;
  lastHeartbeatAt: Date;
}

export async function findWorkerInstances(db: Db, ids: string[]): Promise<WorkerInstanceView[]> {
  if (ids.length === 0) return [];
  return db.workerInstance.findMany({
    where: { id: { in: ids } },
    select: { id: true, switchId: true, linkState: true, lastHeartbeatAt: true },
  });
}
