// A recording as tenants see it: no storage keys, data key ids or switch paths. The REST resource (snake_case)
// is also the `recording` of the recording.* webhook events.
import { z } from "zod";
import { env } from "@/env";
import type { Prisma, Recording } from "@/generated/prisma/client";
import type { RecordingStatus } from "@/generated/prisma/enums";
import type { RoleRule } from "@/server/tenancy";

/** Listening to and listing recordings: supervisors and up, and developers (API keys act as DEVELOPER). */
export const RECORDING_READ_ROLE: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };
/** Deleting recordings and setting their retention: admins and owners (API keys: the recordings:write scope). */
export const RECORDING_ADMIN_ROLE: RoleRule = { minRole: "ADMIN" };

export interface RecordingView {
  id: string;
  callId: string;
  status: RecordingStatus;
  channels: number;
  durationSeconds: number | null;
  /** Size of the WAV in bytes (what the media route serves). */
  sizeBytes: number | null;
  contentType: string;
  errorMessage: string | null;
  startedAt: Date;
  completedAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
}

export const RECORDING_VIEW_SELECT = {
  id: true,
  callId: true,
  status: true,
  channels: true,
  durationSeconds: true,
  sizeBytes: true,
  contentType: true,
  errorMessage: true,
  startedAt: true,
  completedAt: true,
  deletedAt: true,
  createdAt: true,
} satisfies Prisma.RecordingSelect;

export function toRecordingView(r: Pick<Recording, keyof typeof RECORDING_VIEW_SELECT>): RecordingView {
  return { ...r, sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes) };
}

/** One entry of Recording.events. */
export interface RecordingEvent {
  status: Lowercase<RecordingStatus>;
  at: string;
  detail?: string;
}

export const RECORDING_STATUS_NAMES = ["in_progress", "completed", "absent", "failed", "deleted"] as const;

export const ZRecordingResource = z
  .object({
    id: z.string().meta({ example: "RE3f9c2b7e1a4d5c6b8e9f0a1b2c3d4e5f" }),
    call_id: z.string().meta({ example: "CA8f2c1e0d9b7a65432109876543210fed" }),
    status: z.enum(RECORDING_STATUS_NAMES).meta({
      description: "in_progress while the call records; completed when the audio can be fetched; absent when the call left no audio; failed; deleted (by a user or the retention policy)",
    }),
    channels: z.number().int().meta({ description: "2 for a two-party recording (caller left, callee right)", example: 2 }),
    duration_seconds: z.number().int().nullable().meta({ example: 42 }),
    size_bytes: z.number().int().nullable().meta({ description: "Size of the WAV file", example: 1344044 }),
    content_type: z.string().meta({ example: "audio/wav" }),
    media_url: z.string().nullable().meta({ description: "Where to fetch the audio (same API key, `recordings:read`); null unless completed" }),
    error_message: z.string().nullable(),
    started_at: z.iso.datetime(),
    completed_at: z.iso.datetime().nullable(),
    deleted_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "Recording" });

export function toRecordingResource(r: RecordingView): z.input<typeof ZRecordingResource> {
  return {
    id: r.id,
    call_id: r.callId,
    status: r.status.toLowerCase() as (typeof RECORDING_STATUS_NAMES)[number],
    channels: r.channels,
    duration_seconds: r.durationSeconds,
    size_bytes: r.sizeBytes,
    content_type: r.contentType,
    media_url: r.status === "COMPLETED" ? `${env.APP_URL}/api/v1/recordings/${r.id}/media` : null,
    error_message: r.errorMessage,
    started_at: r.startedAt.toISOString(),
    completed_at: r.completedAt?.toISOString() ?? null,
    deleted_at: r.deletedAt?.toISOString() ?? null,
    created_at: r.createdAt.toISOString(),
  };
}
