// What every handler of one worker process shares: who it is, its switch link and lease, the use-cases, the
// channels it drives, the per-call ordering queue, and a tracker of detached work the drain waits for.
import type { Logger } from "@/server/logger";
import type { ChannelTable } from "./channel-table";
import type { MediaSource } from "./call-control/prompt-apps";
import type { SessionMetrics } from "./call-control/session-metrics";
import type { SpeechPort } from "./call-control/speech-port";
import type { KeyedSerialQueue } from "./keyed-serial-queue";
import type { SwitchPort } from "./switch-port";
import type { VoicePort } from "./voice-port";

export interface WorkerContext {
  switchId: string;
  workerId: string;
  esl: SwitchPort;
  /** The switch's lease (switch-lease-keeper.ts): claims, reconcile and end requests act only while it holds. */
  lease: { holds(): boolean };
  voice: VoicePort;
  /** Whether the database answers (database-link.ts): nothing is claimed while it does not. */
  database: { readonly up: boolean };
  channels: ChannelTable;
  /** Per-call ordering: every piece of work about one channel goes through here, keyed by its uuid. */
  calls: KeyedSerialQueue;
  log: Logger;
  recordingsDir: string;
  /** Audio the switch plays, written by this worker where the switch reads it (FREESWITCH_MEDIA_DIR). */
  media: MediaSource;
  defaultGateway: string;
  /** The app's public base URL (recording URLs handed to tenants' actions). */
  appUrl: string;
  /** How long the worker takes to move calls' documents on (call-control/session-metrics.ts). */
  sessionMetrics: SessionMetrics;
  /** Text to speech and recognition for prompts and gathers (call-control/speech-port.ts). */
  speech: SpeechPort;
  /** A call changed state: status callbacks may be due. */
  onTransition(): void;
  /** Detached work (call handlers, originates) the drain waits for. */
  background: BackgroundWork;
}

export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
