import { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";

export const ZVoicemailBoxId = z.string().trim().regex(/^vmb_[0-9a-z]{26}$/, "not a voicemail box id");
export const ZVoicemailId = z.string().trim().regex(/^VM[0-9a-f]{32}$/, "not a voicemail id");

/** A greeting spoken by text-to-speech: what the switch can say in one prompt. */
const ZGreetingText = z.string().trim().min(1, "greetingText is empty").max(1000);

const boxFields = {
  name: z.string().trim().min(1, "name is required").max(100),
  /** A member of the tenant the box belongs to; null for a shared box. */
  userId: z.string().trim().min(1).max(64).nullable(),
  greetingText: ZGreetingText.nullable(),
  maxLengthSeconds: z.number().int().min(5, "maxLengthSeconds must be at least 5").max(600, "maxLengthSeconds must be at most 600"),
  transcribe: z.boolean(),
  notifyEmails: z
    .array(z.email("not an email address").max(254))
    .max(10, "at most 10 recipients")
    .transform((emails) => [...new Set(emails.map((e) => e.toLowerCase()))]),
};

export const ZCreateVoicemailBoxInput = z.strictObject({
  name: boxFields.name,
  userId: boxFields.userId.default(null),
  greetingText: boxFields.greetingText.default(null),
  maxLengthSeconds: boxFields.maxLengthSeconds.default(120),
  transcribe: boxFields.transcribe.default(false),
  notifyEmails: boxFields.notifyEmails.default([]),
});
export type TCreateVoicemailBoxInput = z.input<typeof ZCreateVoicemailBoxInput>;

export const ZUpdateVoicemailBoxInput = z.strictObject({
  id: ZVoicemailBoxId,
  name: boxFields.name.optional(),
  userId: boxFields.userId.optional(),
  greetingText: boxFields.greetingText.optional(),
  maxLengthSeconds: boxFields.maxLengthSeconds.optional(),
  transcribe: boxFields.transcribe.optional(),
  notifyEmails: boxFields.notifyEmails.optional(),
});
export type TUpdateVoicemailBoxInput = z.input<typeof ZUpdateVoicemailBoxInput>;

export const ZVoicemailBoxIdInput = z.strictObject({ id: ZVoicemailBoxId });
export type TVoicemailBoxIdInput = z.input<typeof ZVoicemailBoxIdInput>;

/** The uploaded greeting: a WAV (PCM), base64 in the portal's request. */
export const MAX_GREETING_BYTES = 5 * 1024 * 1024;
export const ZSetVoicemailGreetingAudioInput = z.strictObject({
  id: ZVoicemailBoxId,
  audioBase64: z
    .string()
    .min(1, "audio is empty")
    .max(Math.ceil((MAX_GREETING_BYTES * 4) / 3) + 4, `audio must be at most ${MAX_GREETING_BYTES / 1024 / 1024} MB`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "audio must be base64"),
});
export type TSetVoicemailGreetingAudioInput = z.input<typeof ZSetVoicemailGreetingAudioInput>;

export const ZFindVoicemailBoxesInput = z.strictObject({ ...ZPageInput.shape });
export type TFindVoicemailBoxesInput = z.input<typeof ZFindVoicemailBoxesInput>;

/** Not strict: the inbox pages with tRPC's infinite query, which adds its own `direction` to the input. */
export const ZFindVoicemailsInput = z.object({
  ...ZPageInput.shape,
  boxId: ZVoicemailBoxId.optional(),
  unreadOnly: z.boolean().default(false),
});
export type TFindVoicemailsInput = z.input<typeof ZFindVoicemailsInput>;

export const ZVoicemailIdInput = z.strictObject({ id: ZVoicemailId });
export type TVoicemailIdInput = z.input<typeof ZVoicemailIdInput>;

export const ZMarkVoicemailReadInput = z.strictObject({ id: ZVoicemailId, read: z.boolean() });
export type TMarkVoicemailReadInput = z.input<typeof ZMarkVoicemailReadInput>;
