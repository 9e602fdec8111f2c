import { createVoicemailBox } from "@/server/voicemail/create-voicemail-box";
import { deleteVoicemail } from "@/server/voicemail/delete-voicemail";
import { deleteVoicemailBox } from "@/server/voicemail/delete-voicemail-box";
import { findVoicemailBoxes } from "@/server/voicemail/find-voicemail-boxes";
import { findVoicemails } from "@/server/voicemail/find-voicemails";
import { getVoicemail } from "@/server/voicemail/get-voicemail";
import { getVoicemailBox } from "@/server/voicemail/get-voicemail-box";
import { markVoicemailRead } from "@/server/voicemail/mark-voicemail-read";
import { removeVoicemailGreetingAudio } from "@/server/voicemail/remove-voicemail-greeting-audio";
import { setVoicemailGreetingAudio } from "@/server/voicemail/set-voicemail-greeting-audio";
import { updateVoicemailBox } from "@/server/voicemail/update-voicemail-box";
import { VOICEMAIL_ADMIN_ROLE, VOICEMAIL_READ_ROLE } from "@/server/voicemail/voicemail-view";
import {
  ZCreateVoicemailBoxInput,
  ZFindVoicemailBoxesInput,
  ZFindVoicemailsInput,
  ZMarkVoicemailReadInput,
  ZSetVoicemailGreetingAudioInput,
  ZUpdateVoicemailBoxInput,
  ZVoicemailBoxIdInput,
  ZVoicemailIdInput,
} from "@/server/voicemail/voicemail.schemas";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const reader = tenantProcedure(VOICEMAIL_READ_ROLE);
const admin = tenantProcedure(VOICEMAIL_ADMIN_ROLE);

/** The voicemail inbox and its boxes. The audio is the message's recording (/api/recordings/{id}/media). */
export const voicemailRouter = createTRPCRouter({
  list: reader.input(ZFindVoicemailsInput).query(({ ctx, input }) => findVoicemails(ctx.actor, input)),
  get: reader.input(ZVoicemailIdInput).query(({ ctx, input }) => getVoicemail(ctx.actor, input)),
  markRead: reader.input(ZMarkVoicemailReadInput).mutation(({ ctx, input }) => markVoicemailRead(ctx.actor, input)),
  delete: admin.input(ZVoicemailIdInput).mutation(({ ctx, input }) => deleteVoicemail(ctx.actor, input)),
  boxes: reader.input(ZFindVoicemailBoxesInput).query(({ ctx, input }) => findVoicemailBoxes(ctx.actor, input)),
  box: reader.input(ZVoicemailBoxIdInput).query(({ ctx, input }) => getVoicemailBox(ctx.actor, input)),
  createBox: admin.input(ZCreateVoicemailBoxInput).mutation(({ ctx, input }) => createVoicemailBox(ctx.actor, input)),
  updateBox: admin.input(ZUpdateVoicemailBoxInput).mutation(({ ctx, input }) => updateVoicemailBox(ctx.actor, input)),
  deleteBox: admin.input(ZVoicemailBoxIdInput).mutation(({ ctx, input }) => deleteVoicemailBox(ctx.actor, input)),
  setGreetingAudio: admin.input(ZSetVoicemailGreetingAudioInput).mutation(({ ctx, input }) => setVoicemailGreetingAudio(ctx.actor, input)),
  removeGreetingAudio: admin.input(ZVoicemailBoxIdInput).mutation(({ ctx, input }) => removeVoicemailGreetingAudio(ctx.actor, input)),
});
