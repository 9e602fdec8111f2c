"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { QueryStates } from "@/components/shared/query-states";
import { formatCallDuration, isFinalCall } from "@/components/portal/calls/call-status";
import type { CallRecordingRow, CallRow } from "@/components/portal/calls/types";
import { useTRPC } from "@/trpc/react";

const STATUS_TEXT: Record<CallRecordingRow["status"], string> = {
  IN_PROGRESS: "Recording…",
  COMPLETED: "Ready",
  ABSENT: "Nothing was recorded (the call was not answered, or the file was empty).",
  FAILED: "The recording failed.",
  DELETED: "Deleted.",
};

function Recording({ recording }: { recording: CallRecordingRow }) {
  return (
    <li className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <code className="font-mono text-xs">{recording.id}</code>
        <span className="text-muted-foreground">
          {recording.status === "COMPLETED"
            ? `${formatCallDuration(recording.durationSeconds)} · ${recording.channels === 2 ? "stereo (caller left, callee right)" : "mono"}`
            : STATUS_TEXT[recording.status]}
        </span>
      </div>
      {recording.status === "COMPLETED" && (
        // The media route checks the session and the tenant, decrypts, and honours Range so the player can seek.
        <audio controls preload="none" src={`/api/recordings/${recording.id}/media`} className="w-full max-w-xl" aria-label={`Recording ${recording.id}`}>
          <a href={`/api/recordings/${recording.id}/media`}>Download the recording</a>
        </audio>
      )}
      {recording.status === "FAILED" && recording.errorMessage && <p className="text-xs text-destructive">{recording.errorMessage}</p>}
    </li>
  );
}

export function CallRecordings({ call }: { call: CallRow }) {
  const trpc = useTRPC();
  // A recording is finished (stored, encrypted) a moment after the call ends; look again until it settles.
  const recordings = useQuery(
    trpc.calls.recordings.queryOptions(
      { callId: call.id },
      { refetchInterval: (q) => (!isFinalCall(call.status) || (q.state.data ?? []).some((r) => r.status === "IN_PROGRESS") || (call.record && q.state.data?.length === 0) ? 2000 : false) },
    ),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recording</CardTitle>
        <CardDescription>Encrypted at rest; played through your session.</CardDescription>
      </CardHeader>
      <CardContent>
        <QueryStates
          query={recordings}
          what="recordings"
          isEmpty={(list) => list.length === 0}
          empty={<p className="text-sm text-muted-foreground">{isFinalCall(call.status) ? "No recording was made." : "Recording starts when the call is answered."}</p>}
        >
          {(list) => (
            <ul className="flex flex-col gap-4">
              {list.map((r) => (
                <Recording key={r.id} recording={r} />
              ))}
            </ul>
          )}
        </QueryStates>
      </CardContent>
    </Card>
  );
}
