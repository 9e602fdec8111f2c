// Answering-machine detection on the called party's audio, decided as Twilio documents its parameters and as
// Asterisk's app_amd measures: the silence before the first word, the length of the greeting (speech with pauses
// shorter than the end-of-speech threshold), the words in it, and the silence after it. A fax answers with a tone.
//
//   silence longer than silenceTimeout before any speech  → unknown
//   greeting longer than speechThreshold (or maxWords)    → machine_start (Enable), or wait for the message's end:
//       a beep (mod_avmd's avmd::beep, given to onBeep)    → machine_end_beep
//       silence of speechEndThreshold after the greeting   → machine_end_silence
//       the timeout                                        → machine_end_other
//   a short greeting followed by speechEndThreshold silence → human
//   a CED (2100 Hz) or CNG (1100 Hz) tone                   → fax
//   nothing decided by the timeout                          → unknown
//
// Pure: audio in (16-bit PCM, any chunking), one verdict out, timed in audio milliseconds from the first sample.
import { BeepDetector, frameDbfs, toneShare } from "./tone-detector";

export type AnsweredBy = "human" | "machine_start" | "machine_end_beep" | "machine_end_silence" | "machine_end_other" | "fax" | "unknown";
export const ANSWERED_BY_VALUES: readonly AnsweredBy[] = ["human", "machine_start", "machine_end_beep", "machine_end_silence", "machine_end_other", "fax", "unknown"];

export interface AmdParameters {
  /** Enable: decide human/machine as soon as possible. DetectMessageEnd: for a machine, wait for the greeting's end. */
  mode: "Enable" | "DetectMessageEnd";
  /** MachineDetectionTimeout, in ms (Twilio: 3-59 s, default 30 s). */
  timeoutMs: number;
  /** MachineDetectionSpeechThreshold (default 2,400 ms): a greeting longer than this is a machine's. */
  speechThresholdMs: number;
  /** MachineDetectionSpeechEndThreshold (default 1,200 ms): this much silence ends the greeting. */
  speechEndThresholdMs: number;
  /** MachineDetectionSilenceTimeout (default 5,000 ms): this much silence before any speech gives unknown. */
  silenceTimeoutMs: number;
}

export const DEFAULT_AMD_PARAMETERS: AmdParameters = {
  mode: "Enable",
  timeoutMs: 30_000,
  speechThresholdMs: 2_400,
  speechEndThresholdMs: 1_200,
  silenceTimeoutMs: 5_000,
};

export interface AmdVerdict {
  answeredBy: AnsweredBy;
  /** Audio time of the decision, ms from the first sample (Twilio's MachineDetectionDuration). */
  atMs: number;
  /** Why, in words, for the call's timeline and the debugger. */
  reason: string;
  /** When the greeting's speech started and ended (audio ms), when there was speech. */
  speechStartMs: number | null;
  speechEndMs: number | null;
  words: number;
}

const FRAME_MS = 20;
/** app_amd's minimumWordLength: a voiced run shorter than this (a click, a breath) is not a word. */
const MIN_WORD_MS = 100;
/** app_amd's betweenWordsSilence: a gap at least this long separates two words. */
const BETWEEN_WORDS_MS = 60;
/** More words than this in one greeting is a recorded message however short (app_amd's maximumNumberOfWords). */
const MAX_WORDS = 7;
/** Speech is at least this loud (dBFS) and this far above the line's noise floor. */
const MIN_SPEECH_DBFS = -42;
const SPEECH_OVER_FLOOR_DB = 9;
/** A fax tone: this share of a frame's power at 2100 Hz or 1100 Hz, for this long. */
const FAX_TONE_SHARE = 0.8;
const FAX_TONE_MS = 500;

type Phase = "initial" | "greeting" | "message" | "done";

export class AmdAnalyzer {
  private readonly frameSamples: number;
  private pending: Int16Array;
  private pendingLength = 0;
  private nowMs = 0;
  private phase: Phase = "initial";
  private verdict: AmdVerdict | null = null;
  private noiseFloorDb = -70;
  // Current voiced / unvoiced runs, in frames.
  private voicedRun = 0;
  private silentRun = 0;
  private speechStartMs: number | null = null;
  private lastVoicedEndMs: number | null = null;
  private words = 0;
  private inWord = false;
  private faxRun = 0;
  /**
   * The beep heard in the recording itself, beside mod_avmd's: on a loaded switch avmd missed some low (440 Hz) beeps
   * that this detector finds in the same audio, and either one ends the message.
   */
  private readonly beeps: BeepDetector;

  constructor(
    readonly params: AmdParameters,
    readonly sampleRate = 8000,
  ) {
    this.frameSamples = (sampleRate * FRAME_MS) / 1000;
    this.pending = new Int16Array(this.frameSamples);
    this.beeps = new BeepDetector(sampleRate);
  }

  get decided(): AmdVerdict | null {
    return this.verdict;
  }

  /** Audio analysed so far, in ms. */
  get elapsedMs(): number {
    return this.nowMs;
  }

  /** Feeds samples; returns the verdict once (on the call that decides), null otherwise and after. */
  push(samples: Int16Array): AmdVerdict | null {
    let offset = 0;
    let decided: AmdVerdict | null = null;
    while (offset < samples.length && !this.verdict) {
      const take = Math.min(this.frameSamples - this.pendingLength, samples.length - offset);
      this.pending.set(samples.subarray(offset, offset + take), this.pendingLength);
      this.pendingLength += take;
      offset += take;
      if (this.pendingLength === this.frameSamples) {
        this.pendingLength = 0;
        decided = this.frame(this.pending) ?? decided;
      }
    }
    return decided;
  }

  /** mod_avmd heard a beep: the end of a machine's greeting (a beep before any decision also means a machine). */
  onBeep(): AmdVerdict | null {
    // A fax's answer tone sounds like a long beep to a beep detector: it is the fax detector's to decide.
    if (this.verdict || this.faxRun > 0) return null;
    if (this.phase === "message" || (this.phase === "greeting" && this.params.mode === "DetectMessageEnd")) {
      return this.decide("machine_end_beep", "a beep after the greeting");
    }
    if (this.phase === "greeting") return this.decide("machine_start", "a beep during the greeting");
    return null;
  }

  /** The call ended or the wait is over before a decision. */
  finish(reason = "no decision before the timeout"): AmdVerdict {
    if (this.verdict) return this.verdict;
    return this.decide(this.phase === "message" ? "machine_end_other" : "unknown", reason);
  }

  private decide(answeredBy: AnsweredBy, reason: string): AmdVerdict {
    this.phase = "done";
    this.verdict = { answeredBy, atMs: this.nowMs, reason, speechStartMs: this.speechStartMs, speechEndMs: this.lastVoicedEndMs, words: this.words };
    return this.verdict;
  }

  private frame(frame: Int16Array): AmdVerdict | null {
    this.nowMs += FRAME_MS;
    const db = frameDbfs(frame);
    const voiced = db >= MIN_SPEECH_DBFS && db >= this.noiseFloorDb + SPEECH_OVER_FLOOR_DB;
    // The floor follows quiet frames down at once and drifts up slowly, so speech never becomes the floor.
    this.noiseFloorDb = db < this.noiseFloorDb ? db : this.noiseFloorDb + (voiced ? 0.01 : 0.2);

    if (this.phase !== "message" && this.isFaxTone(frame)) return this.decide("fax", "a fax tone");
    // Only once the greeting is known to be a machine's message: during a greeting, a tone-like stretch of speech (or a
    // frame the switch repeated to cover lost packets) must not end it early; mod_avmd alone hears a beep there.
    if (this.phase === "message" && this.beeps.push(frame, this.nowMs) !== null) return this.decide("machine_end_beep", "a beep after the greeting (heard in the recording)");

    if (voiced) {
      this.voicedRun++;
      this.silentRun = 0;
    } else {
      this.silentRun++;
      if (this.silentRun * FRAME_MS >= BETWEEN_WORDS_MS) {
        this.voicedRun = 0;
        this.inWord = false;
      }
    }
    if (this.voicedRun * FRAME_MS >= MIN_WORD_MS && !this.inWord) {
      this.inWord = true;
      this.words++;
      if (this.speechStartMs === null) this.speechStartMs = this.nowMs - this.voicedRun * FRAME_MS;
      if (this.phase === "initial") this.phase = "greeting";
    }
    if (voiced && this.inWord) this.lastVoicedEndMs = this.nowMs;

    const p = this.params;
    switch (this.phase) {
      case "initial":
        if (this.nowMs >= p.silenceTimeoutMs) return this.decide("unknown", `no speech in the first ${p.silenceTimeoutMs} ms`);
        break;
      case "greeting": {
        const greetingMs = (this.lastVoicedEndMs ?? this.nowMs) - this.speechStartMs!;
        if (greetingMs > p.speechThresholdMs || this.words > MAX_WORDS) {
          const why = greetingMs > p.speechThresholdMs ? `a greeting longer than ${p.speechThresholdMs} ms` : `more than ${MAX_WORDS} words`;
          if (p.mode === "Enable") return this.decide("machine_start", why);
          this.phase = "message";
          break;
        }
        if (this.silentRun * FRAME_MS >= p.speechEndThresholdMs) return this.decide("human", `a ${greetingMs} ms greeting, then silence`);
        break;
      }
      case "message":
        if (this.silentRun * FRAME_MS >= p.speechEndThresholdMs) return this.decide("machine_end_silence", "silence after the message");
        break;
    }
    if (this.nowMs >= p.timeoutMs) return this.finish(`no decision in ${p.timeoutMs} ms`);
    return null;
  }

  private isFaxTone(frame: Int16Array): boolean {
    const tone = Math.max(toneShare(frame, this.sampleRate, 2100), toneShare(frame, this.sampleRate, 1100));
    this.faxRun = tone >= FAX_TONE_SHARE && frameDbfs(frame) > MIN_SPEECH_DBFS ? this.faxRun + 1 : 0;
    return this.faxRun * FRAME_MS >= FAX_TONE_MS;
  }
}
