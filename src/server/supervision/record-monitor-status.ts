// The worker tells how a monitor went: ringing (the supervisor's channel chosen), active (answered, eavesdropping),
// ended (either side left) or failed (with why: no registration, the call gone, the switch refused).
import { db } from "@/server/db";

export async function recordMonitorStatus(input: { id: string; status: "ringing" | "active" | "ended" | "failed"; channelUuid?: string; failure?: string }): Promise<void> {
  const final = input.status === "ended" || input.status === "failed";
  await db.supervisorMonitor.updateMany({
    where: { id: input.id, status: { notIn: ["ended", "failed"] } },
    data: { status: input.status, ...(input.channelUuid ? { channelUuid: input.channelUuid } : {}), ...(input.failure ? { failure: input.failure.slice(0, 300) } : {}), ...(final ? { endedAt: new Date(), pending: null } : {}) },
  });
}
