"use client";

// A ringtone made with WebAudio (two tones, on 2 s, off 4 s, as a UK-style ring), playing while `ringing`. Browsers
// start an AudioContext suspended until the page had a user gesture: `blocked` says so, and `enable` (a click) lets it
// play from then on.
import { useCallback, useEffect, useRef, useState } from "react";

export function useRingtone(ringing: boolean) {
  const context = useRef<AudioContext | null>(null);
  const [blocked, setBlocked] = useState(false);

  const ensure = useCallback(() => {
    if (!context.current && typeof AudioContext !== "undefined") context.current = new AudioContext();
    setBlocked(context.current?.state === "suspended");
    return context.current;
  }, []);

  const enable = useCallback(() => {
    void ensure()?.resume().then(() => setBlocked(false));
  }, [ensure]);

  useEffect(() => {
    if (!ringing) return;
    const ctx = ensure();
    if (!ctx || ctx.state !== "running") return;
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(ctx.destination);
    const tones = [400, 450].map((hz) => {
      const osc = ctx.createOscillator();
      osc.frequency.value = hz;
      osc.connect(gain);
      osc.start();
      return osc;
    });
    const start = ctx.currentTime;
    for (let i = 0; i < 20; i++) {
      gain.gain.setValueAtTime(0.15, start + i * 6);
      gain.gain.setValueAtTime(0, start + i * 6 + 2);
    }
    return () => {
      tones.forEach((o) => o.stop());
      gain.disconnect();
    };
  }, [ringing, ensure]);

  return { blocked, enable };
}
