import { z } from "zod";
import { CALL_READ_ROLE, CALL_SETTINGS_ROLE, CALL_WRITE_ROLE } from "@/server/calls/call-view";
import { ZCallIdInput, ZCreateCallInput, ZFindCallsInput, ZSetMaxQueueSecondsInput, ZUpdateCallInput } from "@/server/calls/calls.schemas";
import { createPortalCall } from "@/server/calls/create-portal-call";
import { findCallEvents } from "@/server/calls/find-call-events";
import { findCallRecordings } from "@/server/calls/find-call-recordings";
import { findCallWebhookDeliveries } from "@/server/calls/find-call-webhook-deliveries";
import { findCalls } from "@/server/calls/find-calls";
import { getCall } from "@/server/calls/get-call";
import { getCallSettings } from "@/server/calls/get-call-settings";
import { setMaxQueueSeconds } from "@/server/calls/set-max-queue-seconds";
import { updateCall } from "@/server/calls/update-call";
import { watchCallChanges, ZWatchCallChangesInput } from "@/server/calls/watch-call-changes";
import { RECORDING_READ_ROLE } from "@/server/recordings/recording-view";
import { WEBHOOK_ROLE } from "@/server/webhooks/webhook-endpoint-view";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const callReader = tenantProcedure(CALL_READ_ROLE);
const callWriter = tenantProcedure(CALL_WRITE_ROLE);

export const callsRouter = createTRPCRouter({
  list: callReader.input(ZFindCallsInput).query(({ ctx, input }) => findCalls(ctx.actor, input)),
  get: callReader.input(ZCallIdInput).query(({ ctx, input }) => getCall(ctx.actor, input)),
  events: callReader.input(ZCallIdInput).query(({ ctx, input }) => findCallEvents(ctx.actor, input)),
  recordings: tenantProcedure(RECORDING_READ_ROLE).input(ZCallIdInput).query(({ ctx, input }) => findCallRecordings(ctx.actor, input)),
  webhookDeliveries: tenantProcedure(WEBHOOK_ROLE).input(ZCallIdInput).query(({ ctx, input }) => findCallWebhookDeliveries(ctx.actor, input)),
  create: callWriter.input(ZCreateCallInput).mutation(({ ctx, input }) => createPortalCall(ctx.actor, input)),
  /** Cancel (not yet answered) or hang up (`completed`). */
  update: callWriter.input(ZUpdateCallInput).mutation(({ ctx, input }) => updateCall(ctx.actor, input)),
  /** Server-sent events: the tenant's call changes, for live lists and detail pages (httpSubscriptionLink). */
  onChange: callReader
    .input(ZWatchCallChangesInput)
    .subscription(({ ctx, input, signal }) => watchCallChanges(ctx.actor, input, signal ?? new AbortController().signal)),
  /** The account's call settings (Settings page): how long a call may wait queued. */
  settings: tenantProcedure().input(z.void()).query(({ ctx }) => getCallSettings(ctx.actor)),
  setMaxQueueSeconds: tenantProcedure(CALL_SETTINGS_ROLE).input(ZSetMaxQueueSecondsInput).mutation(({ ctx, input }) => setMaxQueueSeconds(ctx.actor, input)),
});
