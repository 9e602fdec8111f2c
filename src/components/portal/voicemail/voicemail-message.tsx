"use client";

import { ChevronDownIcon, MailIcon, MailOpenIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { forwardRef, type KeyboardEvent } from "react";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatCallDuration } from "@/components/portal/calls/call-status";
import type { VoicemailRow } from "@/components/portal/voicemail/types";
import { formatDateTime } from "@/lib/format";
import { formatPhoneNumber } from "@/lib/phone";
import { cn } from "@/lib/utils";

const TRANSCRIPT_TEXT: Record<VoicemailRow["transcriptionStatus"], string> = {
  none: "No transcription (turned off for this box).",
  pending: "Transcription pending.",
  completed: "",
  failed: "The transcription failed.",
};

interface Props {
  voicemail: VoicemailRow;
  open: boolean;
  onToggle: () => void;
  onKeyDown: (e: KeyboardEvent<HTMLButtonElement>) => void;
  onPlay: () => void;
  onMarkRead: (read: boolean) => void;
  canDelete: boolean;
  onDelete: () => void;
  busy: boolean;
}

/** One message: a row that opens (Enter, Space or a click) to its player, transcript and actions. */
export const VoicemailMessage = forwardRef<HTMLButtonElement, Props>(function VoicemailMessage({ voicemail: v, open, onToggle, onKeyDown, onPlay, onMarkRead, canDelete, onDelete, busy }, ref) {
  const unread = v.readAt === null;
  const panelId = `voicemail-${v.id}`;
  return (
    <li className={cn("rounded-lg border bg-card", unread && "border-primary/40")}>
      <button
        ref={ref}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={onToggle}
        onKeyDown={onKeyDown}
        data-voicemail-row
        className="flex w-full items-center gap-3 rounded-lg px-4 py-3 text-left outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      >
        <span aria-hidden="true" className={cn("size-2.5 shrink-0 rounded-full", unread ? "bg-primary" : "bg-transparent")} />
        <span className="flex min-w-0 flex-1 flex-col gap-0.5 sm:flex-row sm:items-center sm:gap-3">
          <span className={cn("truncate tabular-nums", unread && "font-semibold")}>{formatPhoneNumber(v.from)}</span>
          <span className="truncate text-xs text-muted-foreground sm:text-sm">
            {v.boxName} · {formatDateTime(v.createdAt)}
          </span>
        </span>
        <span className="sr-only">{unread ? "unread" : "read"}</span>
        <span className="text-sm text-muted-foreground tabular-nums">{formatCallDuration(v.durationSeconds)}</span>
        <ChevronDownIcon aria-hidden="true" className={cn("size-4 shrink-0 text-muted-foreground transition-transform", open && "rotate-180")} />
      </button>
      {open && (
        <div id={panelId} className="flex flex-col gap-3 border-t px-4 py-3">
          {v.audio === "ready" ? (
            // The recording's media route checks the session and the tenant, decrypts, and honours Range for seeking.
            <audio controls preload="none" src={`/api/recordings/${v.recordingId}/media`} onPlay={onPlay} className="w-full max-w-xl" aria-label={`Message from ${formatPhoneNumber(v.from)}`}>
              <a href={`/api/recordings/${v.recordingId}/media`}>Download the message</a>
            </audio>
          ) : (
            <p className="text-sm text-muted-foreground">
              {v.audio === "storing" ? "The audio is being stored; it can be played in a moment." : "The audio is no longer kept (the recording was deleted or reached its retention period)."}
            </p>
          )}
          {v.transcriptionStatus === "completed" && v.transcript ? (
            <blockquote className="border-l-2 pl-3 text-sm">{v.transcript}</blockquote>
          ) : (
            <p className="text-sm text-muted-foreground">{TRANSCRIPT_TEXT[v.transcriptionStatus]}</p>
          )}
          <div className="flex flex-wrap items-center gap-2">
            <Badge variant="outline">To {formatPhoneNumber(v.to)}</Badge>
            <Button variant="outline" size="sm" disabled={busy} onClick={() => onMarkRead(unread)}>
              {unread ? <MailOpenIcon /> : <MailIcon />} {unread ? "Mark read" : "Mark unread"}
            </Button>
            <Button variant="ghost" size="sm" asChild>
              <Link href={`/calls/${v.callId}`}>Call details</Link>
            </Button>
            {canDelete && (
              <ConfirmDialog
                trigger={
                  <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive" disabled={busy}>
                    <Trash2Icon /> Delete
                  </Button>
                }
                title="Delete this message?"
                description={`The message from ${formatPhoneNumber(v.from)} and its audio are erased for good.`}
                confirmLabel="Delete message"
                destructive
                pending={busy}
                onConfirm={onDelete}
              />
            )}
          </div>
        </div>
      )}
    </li>
  );
});
