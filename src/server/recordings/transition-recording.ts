// Moves a recording from one of `from` to a new status and appends to its event history, as one conditional
// update: two workers finishing the same recording (or a retry racing the cron) cannot both win.
import type { Prisma } from "@/generated/prisma/client";
import type { RecordingStatus } from "@/generated/prisma/enums";
import type { Tx } from "@/server/db";
import type { RecordingEvent } from "@/server/recordings/recording-view";

export async function transitionRecording(
  tx: Tx,
  opts: { id: string; from: RecordingStatus[]; to: RecordingStatus; at: Date; data?: Omit<Prisma.RecordingUncheckedUpdateManyInput, "id" | "tenantId" | "status" | "events">; detail?: string },
): Promise<boolean> {
  const { count } = await tx.recording.updateMany({ where: { id: opts.id, status: { in: opts.from } }, data: { ...opts.data, status: opts.to } });
  if (count === 0) return false;
  const event: RecordingEvent = { status: opts.to.toLowerCase() as RecordingEvent["status"], at: opts.at.toISOString(), ...(opts.detail ? { detail: opts.detail } : {}) };
  await tx.$executeRaw`UPDATE "Recording" SET "events" = "events" || ${JSON.stringify([event])}::jsonb WHERE "id" = ${opts.id}`;
  return true;
}
