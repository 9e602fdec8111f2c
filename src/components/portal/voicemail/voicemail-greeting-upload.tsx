"use client";

import { UploadIcon, XIcon } from "lucide-react";
import { useRef, type ChangeEvent } from "react";
import { toast } from "sonner";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import type { VoicemailBoxRow } from "@/components/portal/voicemail/types";
import { useTRPC } from "@/trpc/react";

const MAX_BYTES = 5 * 1024 * 1024;

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Upload a WAV greeting (played instead of the text) or go back to the text. */
export function VoicemailGreetingUpload({ box }: { box: VoicemailBoxRow }) {
  const trpc = useTRPC();
  const input = useRef<HTMLInputElement>(null);
  const invalidate = [trpc.voicemail.boxes.pathKey()];
  const upload = useToastMutation(trpc.voicemail.setGreetingAudio.mutationOptions(), { success: "Greeting uploaded", invalidate });
  const remove = useToastMutation(trpc.voicemail.removeGreetingAudio.mutationOptions(), { success: "Back to the spoken greeting", invalidate });

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    if (file.size > MAX_BYTES) {
      toast.error("The greeting must be a WAV file of at most 5 MB.");
      return;
    }
    upload.mutate({ id: box.id, audioBase64: await toBase64(file) });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <input ref={input} type="file" accept="audio/wav,audio/x-wav,.wav" className="sr-only" tabIndex={-1} aria-hidden="true" onChange={(e) => void pick(e)} />
      <Button variant="outline" size="sm" disabled={upload.isPending} onClick={() => input.current?.click()} aria-label={`Upload a WAV greeting for ${box.name}`}>
        <UploadIcon /> {upload.isPending ? "Uploading…" : box.greetingAudio ? "Replace recorded greeting" : "Upload recorded greeting"}
      </Button>
      {box.greetingAudio && (
        <Button variant="ghost" size="sm" disabled={remove.isPending} onClick={() => remove.mutate({ id: box.id })} aria-label={`Remove the recorded greeting of ${box.name}`}>
          <XIcon /> Remove recorded greeting
        </Button>
      )}
    </div>
  );
}
