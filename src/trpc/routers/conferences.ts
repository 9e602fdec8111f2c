import { CONFERENCE_READ_ROLE, CONFERENCE_WRITE_ROLE } from "@/server/conferences/conference-view";
import { ZConferenceIdInput, ZFindConferencesInput, ZFindParticipantsInput, ZParticipantIdInput, ZUpdateParticipantInput } from "@/server/conferences/conferences.schemas";
import { endConference } from "@/server/conferences/end-conference";
import { findConferenceParticipants } from "@/server/conferences/find-conference-participants";
import { findConferences } from "@/server/conferences/find-conferences";
import { getConference } from "@/server/conferences/get-conference";
import { removeConferenceParticipant } from "@/server/conferences/remove-conference-participant";
import { updateConferenceParticipant } from "@/server/conferences/update-conference-participant";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const reader = tenantProcedure(CONFERENCE_READ_ROLE);
const writer = tenantProcedure(CONFERENCE_WRITE_ROLE);

export const conferencesRouter = createTRPCRouter({
  list: reader.input(ZFindConferencesInput).query(({ ctx, input }) => findConferences(ctx.actor, input)),
  get: reader.input(ZConferenceIdInput).query(({ ctx, input }) => getConference(ctx.actor, input)),
  participants: reader.input(ZFindParticipantsInput).query(({ ctx, input }) => findConferenceParticipants(ctx.actor, input)),
  end: writer.input(ZConferenceIdInput).mutation(({ ctx, input }) => endConference(ctx.actor, input)),
  /** Mute, hold or coach. */
  updateParticipant: writer.input(ZUpdateParticipantInput).mutation(({ ctx, input }) => updateConferenceParticipant(ctx.actor, input)),
  removeParticipant: writer.input(ZParticipantIdInput).mutation(({ ctx, input }) => removeConferenceParticipant(ctx.actor, input)),
});
