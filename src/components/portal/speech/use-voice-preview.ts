"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/trpc/react";

/** Synthesizes a sentence in a voice on the server and plays it here; the last preview stays replayable. */
export function useVoicePreview() {
  const trpc = useTRPC();
  const [audioUrl, setAudioUrl] = useState<string | null>(null);
  const urlRef = useRef<string | null>(null);
  const preview = useMutation(
    trpc.speech.preview.mutationOptions({
      onSuccess: ({ audioBase64, contentType }) => {
        const bytes = Uint8Array.from(atob(audioBase64), (c) => c.charCodeAt(0));
        const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
        if (urlRef.current) URL.revokeObjectURL(urlRef.current);
        urlRef.current = url;
        setAudioUrl(url);
        void new Audio(url).play().catch(() => undefined); // autoplay may be refused; the player stays on screen
      },
    }),
  );
  useEffect(() => () => void (urlRef.current && URL.revokeObjectURL(urlRef.current)), []);
  return { preview, audioUrl };
}
