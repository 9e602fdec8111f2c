import { z } from "zod";
import { deleteRecording } from "@/server/recordings/delete-recording";
import { findRecordings } from "@/server/recordings/find-recordings";
import { getRecording } from "@/server/recordings/get-recording";
import { getRecordingSettings } from "@/server/recordings/get-recording-settings";
import { RECORDING_ADMIN_ROLE, RECORDING_READ_ROLE } from "@/server/recordings/recording-view";
import { ZFindRecordingsInput, ZRecordingIdInput, ZSetRecordingRetentionInput } from "@/server/recordings/recordings.schemas";
import { setRecordingRetention } from "@/server/recordings/set-recording-retention";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const reader = tenantProcedure(RECORDING_READ_ROLE);
const admin = tenantProcedure(RECORDING_ADMIN_ROLE);

/** Recordings of the current tenant. The audio itself is served by /api/recordings/{id}/media (session-authorized). */
export const recordingsRouter = createTRPCRouter({
  list: reader.input(ZFindRecordingsInput).query(({ ctx, input }) => findRecordings(ctx.actor, input)),
  get: reader.input(ZRecordingIdInput).query(({ ctx, input }) => getRecording(ctx.actor, input)),
  delete: admin.input(ZRecordingIdInput).mutation(({ ctx, input }) => deleteRecording(ctx.actor, input)),
  settings: tenantProcedure().input(z.void()).query(({ ctx }) => getRecordingSettings(ctx.actor)),
  setRetention: admin.input(ZSetRecordingRetentionInput).mutation(({ ctx, input }) => setRecordingRetention(ctx.actor, input)),
});
