// Broadcast email in /admin: support staff read, operators and owners write and send.
import { ZBroadcastIdInput, ZCreateBroadcastDraftInput, ZFindBroadcastRecipientsInput, ZPreviewBroadcastInput, ZUpdateBroadcastDraftInput } from "@/server/broadcasts/broadcasts.schemas";
import { cancelBroadcast } from "@/server/broadcasts/cancel-broadcast";
import { createBroadcastDraft } from "@/server/broadcasts/create-broadcast-draft";
import { findBroadcastRecipients } from "@/server/broadcasts/find-broadcast-recipients";
import { findBroadcasts } from "@/server/broadcasts/find-broadcasts";
import { getBroadcast } from "@/server/broadcasts/get-broadcast";
import { previewBroadcast } from "@/server/broadcasts/preview-broadcast";
import { sendBroadcast } from "@/server/broadcasts/send-broadcast";
import { updateBroadcastDraft } from "@/server/broadcasts/update-broadcast-draft";
import { createTRPCRouter, staffProcedure } from "@/trpc/init";
import { staffActor } from "@/trpc/staff-actor";

const support = staffProcedure("SUPPORT");
const operator = staffProcedure("OPERATOR");

export const adminBroadcastsRouter = createTRPCRouter({
  list: support.query(() => findBroadcasts()),
  get: support.input(ZBroadcastIdInput).query(({ input }) => getBroadcast(input)),
  recipients: support.input(ZFindBroadcastRecipientsInput).query(({ input }) => findBroadcastRecipients(input)),
  /** The mail for a sample recipient and the segment's size, for content not saved yet. */
  preview: support.input(ZPreviewBroadcastInput).query(({ input }) => previewBroadcast(input)),
  createDraft: operator.input(ZCreateBroadcastDraftInput).mutation(({ ctx, input }) => createBroadcastDraft(staffActor(ctx), input)),
  updateDraft: operator.input(ZUpdateBroadcastDraftInput).mutation(({ ctx, input }) => updateBroadcastDraft(staffActor(ctx), input)),
  send: operator.input(ZBroadcastIdInput).mutation(({ ctx, input }) => sendBroadcast(staffActor(ctx), input)),
  cancel: operator.input(ZBroadcastIdInput).mutation(({ ctx, input }) => cancelBroadcast(staffActor(ctx), input)),
});
