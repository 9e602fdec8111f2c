// <Gather partialResultCallback>: while the caller's utterance is being recorded (unbuffered, so the file grows as they
// speak), what has been said so far is recognized about once a second and posted to the callback as Twilio's partial
// results (UnstableSpeechResult, Stability, StableSpeechResult, SequenceNumber). The recognizer is the tenant's batch
// one (speech-port.ts), given the audio so far: a result is unstable until the next one agrees with it.
import { open } from "node:fs/promises";
import { callParameters } from "@/server/voice-documents/interpreter/call-parameters";
import type { CollectInputCommand } from "@/server/voice-documents/interpreter/commands";
import type { SessionOps } from "./session-ops";

/** How often what was said so far is recognized (SPEECH_PARTIAL_INTERVAL_MS, default about once a second). */
const everyMs = () => Number(process.env.SPEECH_PARTIAL_INTERVAL_MS) || 1000;
/** New audio (bytes of 8 kHz 16-bit) worth recognizing again: half a second. */
const MIN_NEW_BYTES = 8000;
const MAX_UTTERANCE_BYTES = 8000 * 2 * 120;

type Spec = NonNullable<CollectInputCommand["speech"]>;

/** The WAV as written so far, with its sizes made true (the switch writes them only when it closes the file). */
export function wavSoFar(bytes: Buffer): Buffer | null {
  const data = bytes.indexOf("data", 12, "ascii");
  if (bytes.length < 44 || bytes.toString("ascii", 0, 4) !== "RIFF" || data < 0) return null;
  const out = Buffer.from(bytes.subarray(0, bytes.length - ((bytes.length - data - 8) % 2)));
  out.writeUInt32LE(out.length - 8, 4);
  out.writeUInt32LE(out.length - data - 8, data + 4);
  return out;
}

export class PartialSpeech {
  private timer: NodeJS.Timeout | null = null;
  private lastBytes = 0;
  private sequence = 0;
  private previous = "";
  private busy = false;

  constructor(
    private readonly s: SessionOps,
    private readonly file: string,
    private readonly spec: Spec,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), everyMs());
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    const callback = this.spec.partialResults;
    const state = this.s.state;
    if (this.busy || !callback || !state || !this.s.live()) return;
    this.busy = true;
    try {
      const handle = await open(this.file, "r").catch(() => null);
      if (!handle) return;
      let bytes: Buffer;
      try {
        const { size } = await handle.stat();
        if (size - this.lastBytes < MIN_NEW_BYTES || size > MAX_UTTERANCE_BYTES) return;
        bytes = Buffer.alloc(size);
        await handle.read(bytes, 0, size, 0);
        this.lastBytes = size;
      } finally {
        await handle.close();
      }
      const audio = wavSoFar(bytes);
      if (!audio || !this.timer) return;
      const heard = await this.s.host.speech.recognize({ tenantId: this.s.channel.tenantId, audio, language: this.spec.language, hints: this.spec.hints, model: this.spec.model, profanityFilter: this.spec.profanityFilter });
      if (!heard.ok || !heard.transcript || !this.timer) return;
      const stable = heard.transcript === this.previous ? heard.transcript : "";
      this.previous = heard.transcript;
      await this.s.notify(callback.url, callback.method, {
        ...callParameters(state.call),
        SequenceNumber: String(this.sequence++),
        UnstableSpeechResult: stable ? "" : heard.transcript,
        Stability: stable ? "1.0" : String(heard.confidence ?? 0.5),
        StableSpeechResult: stable,
        LanguageCode: this.spec.language,
      });
    } catch (err) {
      this.s.host.log.debug({ err, callId: this.s.channel.callId }, "partial speech result failed");
    } finally {
      this.busy = false;
    }
  }
}
