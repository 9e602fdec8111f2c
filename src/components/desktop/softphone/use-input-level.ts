"use client";

// The level of a microphone stream for a meter: a WebAudio AnalyserNode on the stream, read every animation frame
// (input-level.ts turns a frame into 0..1). The AudioContext lives only while a stream is given and the meter shows:
// it is closed as soon as either goes, so a hidden meter costs nothing.
import { useEffect, useState } from "react";
import { levelFromSamples, smoothLevel } from "./input-level";

export function useInputLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0);

  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0 || typeof AudioContext === "undefined") {
      setLevel(0);
      return;
    }
    const context = new AudioContext();
    // Opened by a click (the settings, an answered call), so resuming is allowed.
    void context.resume().catch(() => undefined);
    const source = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const frame = new Float32Array(analyser.fftSize);
    let shown = 0;
    let raf = 0;
    const tick = () => {
      analyser.getFloatTimeDomainData(frame);
      const next = smoothLevel(shown, levelFromSamples(frame));
      // Re-render only when the bar would visibly move.
      if (Math.abs(next - shown) >= 0.01 || (next === 0 && shown !== 0)) {
        shown = next;
        setLevel(next);
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(raf);
      source.disconnect();
      void context.close().catch(() => undefined);
      setLevel(0);
    };
  }, [stream]);

  return level;
}
