import { z } from "zod";
import { defineMediaRoute, defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";
import { streamResponse } from "@/server/api/stream-response";
import { deleteRecording } from "@/server/recordings/delete-recording";
import { findRecordings } from "@/server/recordings/find-recordings";
import { getRecording } from "@/server/recordings/get-recording";
import { readRecordingRange } from "@/server/recordings/read-recording-range";
import { toRecordingResource, ZRecordingResource } from "@/server/recordings/recording-view";

const ZRecordingParams = z.strictObject({
  id: z.string().regex(/^RE[0-9a-f]{32}$/).meta({ description: "Recording id", example: "RE3f9c2b7e1a4d5c6b8e9f0a1b2c3d4e5f" }),
});

export const listRecordingsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/recordings",
    operationId: "listRecordings",
    tag: "Recordings",
    summary: "List recordings",
    description: "Newest first, deleted ones included (with status `deleted`). Filter by `call_id`.",
    scope: "recordings:read",
    query: ZPageQuery.extend({ call_id: z.string().max(64).optional().meta({ description: "Only this call's recordings" }) }),
    response: listOf(ZRecordingResource, "RecordingList"),
  },
  async ({ actor, query }) => toList(await findRecordings(actor, { limit: query.limit, cursor: query.starting_after, callId: query.call_id }), toRecordingResource),
);

export const getRecordingRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/recordings/{id}",
    operationId: "getRecording",
    tag: "Recordings",
    summary: "Retrieve a recording",
    scope: "recordings:read",
    params: ZRecordingParams,
    response: ZRecordingResource,
  },
  async ({ actor, params }) => toRecordingResource(await getRecording(actor, { id: params.id })),
);

export const deleteRecordingRoute = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/recordings/{id}",
    operationId: "deleteRecording",
    tag: "Recordings",
    summary: "Delete a recording's audio",
    description: "Erases the audio for good; the recording stays listed with status `deleted`. A recording still in progress cannot be deleted (409).",
    scope: "recordings:write",
    params: ZRecordingParams,
    response: ZRecordingResource,
  },
  async ({ actor, params }) => toRecordingResource(await deleteRecording(actor, { id: params.id })),
);

export const getRecordingMediaRoute = defineMediaRoute(
  {
    method: "GET",
    path: "/api/v1/recordings/{id}/media",
    operationId: "getRecordingMedia",
    tag: "Recordings",
    summary: "Fetch a recording's audio",
    description: "The WAV file, decrypted as it streams. Send `Range` for part of it (players seek this way): 206 with `Content-Range`, or 416 past the end.",
    scope: "recordings:read",
    params: ZRecordingParams,
    media: { contentType: "audio/wav", ranges: true },
  },
  async ({ actor, params, headers }) => streamResponse(await readRecordingRange(actor, params.id, headers.get("range"))),
);
