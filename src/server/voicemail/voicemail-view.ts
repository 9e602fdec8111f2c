// Voicemail boxes and messages as tenants see them (portal, REST, the voicemail.created webhook): no storage keys.
import { z } from "zod";
import { env } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import type { RoleRule } from "@/server/tenancy";

/** Listening to voicemail, marking it read: who may listen to recordings (supervisors and up, developers). */
export const VOICEMAIL_READ_ROLE: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };
/** Managing boxes and deleting messages (which erases their audio): admins and owners. */
export const VOICEMAIL_ADMIN_ROLE: RoleRule = { minRole: "ADMIN" };

/** What a voice document redirects to, to reach a box. */
export const voicemailBoxUrl = (boxId: string) => `irisx:voicemail/${boxId}`;

export const TRANSCRIPTION_STATUSES = ["none", "pending", "completed", "failed"] as const;
export type TranscriptionStatus = (typeof TRANSCRIPTION_STATUSES)[number];

export const VOICEMAIL_BOX_SELECT = {
  id: true,
  name: true,
  userId: true,
  greetingText: true,
  maxLengthSeconds: true,
  transcribe: true,
  notifyEmails: true,
  createdAt: true,
  updatedAt: true,
  user: { select: { name: true, email: true } },
  greeting: { select: { id: true, durationSeconds: true } },
} satisfies Prisma.VoicemailBoxSelect;

type BoxRow = Prisma.VoicemailBoxGetPayload<{ select: typeof VOICEMAIL_BOX_SELECT }>;

export interface VoicemailBoxView {
  id: string;
  name: string;
  userId: string | null;
  userName: string | null;
  greetingText: string | null;
  /** The uploaded greeting (played with `recording:<id>`), when there is one; it wins over the text. */
  greetingAudio: { id: string; durationSeconds: number } | null;
  maxLengthSeconds: number;
  transcribe: boolean;
  notifyEmails: string[];
  url: string;
  createdAt: Date;
  updatedAt: Date;
}

export function toVoicemailBoxView(row: BoxRow): VoicemailBoxView {
  return {
    id: row.id,
    name: row.name,
    userId: row.userId,
    userName: row.user ? row.user.name || row.user.email : null,
    greetingText: row.greetingText,
    greetingAudio: row.greeting,
    maxLengthSeconds: row.maxLengthSeconds,
    transcribe: row.transcribe,
    notifyEmails: row.notifyEmails,
    url: voicemailBoxUrl(row.id),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const VOICEMAIL_SELECT = {
  id: true,
  boxId: true,
  callId: true,
  recordingId: true,
  from: true,
  to: true,
  durationSeconds: true,
  readAt: true,
  transcriptionStatus: true,
  transcript: true,
  createdAt: true,
  box: { select: { name: true } },
  recording: { select: { status: true } },
} satisfies Prisma.VoicemailSelect;

type VoicemailRow = Prisma.VoicemailGetPayload<{ select: typeof VOICEMAIL_SELECT }>;

export type VoicemailAudio = "ready" | "storing" | "erased";

export interface VoicemailView {
  id: string;
  boxId: string;
  boxName: string;
  callId: string;
  recordingId: string;
  /** ready to play; storing (the recording is stored a moment after the call ends); erased (deleted, or by retention). */
  audio: VoicemailAudio;
  from: string;
  to: string;
  durationSeconds: number;
  readAt: Date | null;
  transcriptionStatus: TranscriptionStatus;
  transcript: string | null;
  createdAt: Date;
}

export function toVoicemailView(row: VoicemailRow): VoicemailView {
  return {
    id: row.id,
    boxId: row.boxId,
    boxName: row.box.name,
    callId: row.callId,
    recordingId: row.recordingId,
    audio: row.recording.status === "COMPLETED" ? "ready" : row.recording.status === "IN_PROGRESS" ? "storing" : "erased",
    from: row.from,
    to: row.to,
    durationSeconds: row.durationSeconds,
    readAt: row.readAt,
    transcriptionStatus: (TRANSCRIPTION_STATUSES as readonly string[]).includes(row.transcriptionStatus) ? (row.transcriptionStatus as TranscriptionStatus) : "none",
    transcript: row.transcript,
    createdAt: row.createdAt,
  };
}

export const ZVoicemailResource = z
  .object({
    id: z.string().meta({ example: "VM5d1f0e9c8b7a69584736251403f2e1d0" }),
    box_id: z.string().meta({ example: "vmb_01jd8x3k6q2m4f7b9c0s5t1v2w" }),
    call_id: z.string(),
    recording_id: z.string().meta({ description: "The message's audio: GET /api/v1/recordings/{id}/media" }),
    media_url: z.string().nullable().meta({ description: "Where to fetch the audio (recordings:read); null until it is stored" }),
    from: z.string().meta({ description: "The caller", example: "+14155550123" }),
    to: z.string().meta({ description: "The number called", example: "+15005550006" }),
    duration_seconds: z.number().int(),
    read: z.boolean(),
    read_at: z.iso.datetime().nullable(),
    transcription_status: z.enum(TRANSCRIPTION_STATUSES).meta({ description: "none (transcription off), pending, completed, failed" }),
    transcript: z.string().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "Voicemail" });

export function toVoicemailResource(v: VoicemailView): z.input<typeof ZVoicemailResource> {
  return {
    id: v.id,
    box_id: v.boxId,
    call_id: v.callId,
    recording_id: v.recordingId,
    media_url: v.audio === "ready" ? `${env.APP_URL}/api/v1/recordings/${v.recordingId}/media` : null,
    from: v.from,
    to: v.to,
    duration_seconds: v.durationSeconds,
    read: v.readAt !== null,
    read_at: v.readAt?.toISOString() ?? null,
    transcription_status: v.transcriptionStatus,
    transcript: v.transcript,
    created_at: v.createdAt.toISOString(),
  };
}

export const ZVoicemailBoxResource = z
  .object({
    id: z.string().meta({ example: "vmb_01jd8x3k6q2m4f7b9c0s5t1v2w" }),
    name: z.string().meta({ example: "Sales" }),
    user_id: z.string().nullable().meta({ description: "The member the box belongs to; null for a shared box" }),
    greeting_text: z.string().nullable().meta({ description: "Spoken by text-to-speech unless a greeting was uploaded" }),
    greeting_audio_id: z.string().nullable().meta({ description: "The uploaded greeting (upload it in the portal), played instead of the text" }),
    max_length_seconds: z.number().int(),
    transcribe: z.boolean(),
    notify_emails: z.array(z.string()),
    url: z.string().meta({ description: "Redirect a call here to reach the box (`redirect` in JSON, `<Redirect>` in TwiML)", example: "irisx:voicemail/vmb_01jd8x3k6q2m4f7b9c0s5t1v2w" }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "VoicemailBox" });

export function toVoicemailBoxResource(b: VoicemailBoxView): z.input<typeof ZVoicemailBoxResource> {
  return {
    id: b.id,
    name: b.name,
    user_id: b.userId,
    greeting_text: b.greetingText,
    greeting_audio_id: b.greetingAudio?.id ?? null,
    max_length_seconds: b.maxLengthSeconds,
    transcribe: b.transcribe,
    notify_emails: b.notifyEmails,
    url: b.url,
    created_at: b.createdAt.toISOString(),
    updated_at: b.updatedAt.toISOString(),
  };
}
