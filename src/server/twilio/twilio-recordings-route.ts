// Twilio-compatible Recordings: /Accounts/{AccountSid}/Recordings.json (list), /Calls/{CallSid}/Recordings.json
// (a call's), /Recordings/{RecordingSid}.json (fetch, DELETE), /Recordings/{RecordingSid}(.wav) (the audio). All
// on the recordings domain's use-cases. As on Twilio, a deleted recording is gone from this surface (404); the
// native API keeps listing it with status `deleted`. `.mp3` is the WAV re-encoded as it streams (read-recording-mp3.ts).
import { streamResponse } from "@/server/api/stream-response";
import { deleteRecording } from "@/server/recordings/delete-recording";
import { findRecordings } from "@/server/recordings/find-recordings";
import { getRecording } from "@/server/recordings/get-recording";
import { getCall } from "@/server/calls/get-call";
import { readRecordingMp3 } from "@/server/recordings/read-recording-mp3";
import { readRecordingRange } from "@/server/recordings/read-recording-range";
import type { RecordingView } from "@/server/recordings/recording-view";
import { rfc2822, TWILIO_API_VERSION } from "@/server/calls/call-transitions";
import { defineTwilioRoute } from "@/server/twilio/define-twilio-route";
import { callSidOf } from "@/server/twilio/twilio-call-route";
import { TwilioApiError } from "@/server/twilio/twilio-errors";
import { readPageQuery, twilioPage, ZTwilioPageQuery } from "@/server/twilio/twilio-page";

const RECORDING_SID = /^RE[0-9a-f]{32}$/;
const STATUS: Record<RecordingView["status"], string> = { IN_PROGRESS: "in-progress", COMPLETED: "completed", ABSENT: "absent", FAILED: "failed", DELETED: "deleted" };

const accountPath = (accountSid: string) => `/${TWILIO_API_VERSION}/Accounts/${accountSid}`;

export function toTwilioRecording(r: RecordingView, accountSid: string) {
  const base = `${accountPath(accountSid)}/Recordings/${r.id}`;
  return {
    sid: r.id,
    account_sid: accountSid,
    call_sid: r.callId,
    conference_sid: null,
    api_version: TWILIO_API_VERSION,
    date_created: rfc2822(r.createdAt),
    date_updated: rfc2822(r.deletedAt ?? r.completedAt ?? r.createdAt),
    start_time: rfc2822(r.startedAt),
    duration: r.durationSeconds === null ? null : String(r.durationSeconds),
    channels: r.channels,
    status: STATUS[r.status],
    source: "StartCallRecordingAPI",
    error_code: null,
    price: null,
    price_unit: null,
    encryption_details: null,
    media_url: `${base}`,
    uri: `${base}.json`,
    subresource_uris: { add_on_results: `${base}/AddOnResults.json`, transcriptions: `${base}/Transcriptions.json` },
  };
}

/** "RE….json", "RE….wav", "RE…" → the sid and what is asked for. */
function parseRecordingSegment(segment: string | undefined): { sid: string; as: "json" | "wav" | "mp3" } {
  const match = /^(RE[0-9a-f]{32})(?:\.(json|wav|mp3))?$/.exec(segment ?? "");
  if (!match) throw new TwilioApiError(404, 20404, "The requested resource was not found");
  return { sid: match[1]!, as: (match[2] as "json" | "wav" | "mp3" | undefined) ?? "wav" };
}

/** A recording of this account that this surface shows (not deleted), else Twilio's 404. */
async function visibleRecording(actor: Parameters<typeof getRecording>[0], sid: string): Promise<RecordingView> {
  const r = await getRecording(actor, { id: sid });
  if (r.status === "DELETED") throw new TwilioApiError(404, 20404, "The requested resource was not found");
  return r;
}

function listRoute(path: string, callScoped: boolean) {
  return defineTwilioRoute({ method: "GET", path, scope: "recordings:read", query: ZTwilioPageQuery.extend({ CallSid: ZTwilioPageQuery.shape.PageToken }) }, async ({ actor, principal, params, query }) => {
    const { cursor, page, pageSize } = readPageQuery(query, RECORDING_SID);
    const callId = callScoped ? callSidOf(params.callSid) : query.CallSid;
    // A call of another account (or none) is not found, as everywhere, rather than an empty list naming it.
    if (callId !== undefined) await getCall(actor, { callId });
    const found = await findRecordings(actor, { cursor, limit: pageSize, callId });
    const items = found.items.filter((r) => r.status !== "DELETED").map((r) => toTwilioRecording(r, principal.accountSid));
    const listPath = callScoped ? `${accountPath(principal.accountSid)}/Calls/${callId}/Recordings.json` : `${accountPath(principal.accountSid)}/Recordings.json`;
    return {
      status: 200,
      body: twilioPage("recordings", items, { path: listPath, filters: { CallSid: callScoped ? undefined : query.CallSid }, page, pageSize, pageToken: query.PageToken ?? null, nextCursor: found.nextCursor }),
    };
  });
}

const PATH = "/2010-04-01/Accounts/{AccountSid}/Recordings/{RecordingSid}";

const fetchRecording = defineTwilioRoute({ method: "GET", path: PATH, scope: "recordings:read" }, async ({ actor, principal, params, headers }) => {
  const { sid, as } = parseRecordingSegment(params.recordingSid);
  const recording = await visibleRecording(actor, sid);
  if (as === "json") return { status: 200, body: toTwilioRecording(recording, principal.accountSid) };
  if (as === "mp3") return { status: 200, raw: streamResponse(await readRecordingMp3(actor, sid)) };
  const media = await readRecordingRange(actor, sid, headers.get("range"));
  return { status: media.status as 200 | 206 | 416, raw: streamResponse(media) };
});

const removeRecording = defineTwilioRoute({ method: "DELETE", path: PATH, scope: "recordings:write" }, async ({ actor, params }) => {
  const { sid } = parseRecordingSegment(params.recordingSid);
  await visibleRecording(actor, sid);
  await deleteRecording(actor, { id: sid });
  return { status: 204 };
});

export const twilioRecordingsRoute = { GET: listRoute("/2010-04-01/Accounts/{AccountSid}/Recordings.json", false) };
export const twilioCallRecordingsRoute = { GET: listRoute("/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings.json", true) };
export const twilioRecordingRoute = { GET: fetchRecording, DELETE: removeRecording };
