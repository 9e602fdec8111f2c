import { z } from "zod";
import { getSpeechSettings } from "@/server/speech/get-speech-settings";
import { previewSpeech } from "@/server/speech/preview-speech";
import { removeSpeechKey } from "@/server/speech/remove-speech-key";
import { setSpeechKey } from "@/server/speech/set-speech-key";
import { SPEECH_ADMIN_ROLE, SPEECH_READ_ROLE } from "@/server/speech/speech-settings-view";
import { ZPreviewSpeechInput, ZRemoveSpeechKeyInput, ZSetSpeechKeyInput, ZUpdateSpeechSettingsInput } from "@/server/speech/speech.schemas";
import { updateSpeechSettings } from "@/server/speech/update-speech-settings";
import { createTRPCRouter, secretRevealing, tenantProcedure } from "@/trpc/init";

const admin = tenantProcedure(SPEECH_ADMIN_ROLE);

/** Settings → Speech: voices and providers, the tenant's own provider keys (write-only), a voice preview. */
export const speechRouter = createTRPCRouter({
  settings: tenantProcedure(SPEECH_READ_ROLE).input(z.void()).query(({ ctx }) => getSpeechSettings(ctx.actor)),
  update: admin.input(ZUpdateSpeechSettingsInput).mutation(({ ctx, input }) => updateSpeechSettings(ctx.actor, input)),
  // Keys are credentials: support acting as a tenant neither sets nor removes them.
  setKey: admin.use(secretRevealing).input(ZSetSpeechKeyInput).mutation(({ ctx, input }) => setSpeechKey(ctx.actor, input)),
  removeKey: admin.use(secretRevealing).input(ZRemoveSpeechKeyInput).mutation(({ ctx, input }) => removeSpeechKey(ctx.actor, input)),
  preview: admin.input(ZPreviewSpeechInput).mutation(({ ctx, input }) => previewSpeech(ctx.actor, input)),
});
