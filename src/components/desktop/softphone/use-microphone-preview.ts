"use client";

// The chosen microphone opened while the audio settings show and no call has it, so the level meter can show the
// agent that it works before a call; its tracks stop as soon as the settings close or the microphone changes.
import { useEffect, useState } from "react";
import { audioConstraints } from "./media-devices";

export function useMicrophonePreview(input: string, open: boolean): { stream: MediaStream | null; error: string | null } {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open || !navigator.mediaDevices?.getUserMedia) return;
    let cancelled = false;
    let opened: MediaStream | null = null;
    navigator.mediaDevices.getUserMedia({ audio: audioConstraints(input), video: false }).then(
      (s) => {
        if (cancelled) return s.getTracks().forEach((t) => t.stop());
        opened = s;
        setStream(s);
        setError(null);
      },
      (err: unknown) => !cancelled && setError(err instanceof DOMException && err.name === "NotAllowedError" ? "Microphone blocked by the browser" : "The microphone could not be opened"),
    );
    return () => {
      cancelled = true;
      opened?.getTracks().forEach((t) => t.stop());
      setStream(null);
    };
  }, [input, open]);

  return { stream, error };
}
