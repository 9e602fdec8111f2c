// Per-channel simulation state that is not part of what FreeSWITCH reports (the session thread's queue, the
// DTMF buffer, timers, recordings), shared by the switch's channel lifecycle (switch.ts) and the apps (apps/*).
import type { EavesdropMix } from "./apps/eavesdrop.ts";
import type { LiveFarEndRecording } from "./far-end-audio.ts";
import type { FarEnd } from "./magic-numbers.ts";

export interface AppRun {
  app: string;
  arg: string;
  appUuid: string;
  /** sendmsg headers, echoed in the PRIVATE_COMMAND event fired after the app completes. */
  command?: string[];
}

export interface Sim {
  farEnd: FarEnd;
  parked: boolean;
  parkAppUuid: string;
  appQueue: AppRun[];
  appRunning: boolean;
  /** Cancels the running app (hangup, break). */
  abortApp?: () => void;
  /** A bridge's B leg transferred elsewhere (uuid_transfer): the bridge ends and the leg goes on (apps/bridge.ts). */
  leaveBridge?: () => void;
  /** Ends an originate's hold on this answered leg (its group_confirm `sleep`; apps/bridge.ts): uuid_break. */
  confirmBreak?: () => void;
  dtmfBuffer: string;
  dtmfWaiter?: () => void;
  timers: Set<NodeJS.Timeout>;
  recording?: { path: string; startUs: number; stereo: boolean };
  /** A read-only recording of what the far end says (uuid_record with RECORD_READ_ONLY=true), written as time passes. */
  farEndRecording?: LiveFarEndRecording;
  /** Simulated µs from which the far end's audio plays (its first read-only recording; far-end-audio.ts). */
  farEndHeardFromUs?: number;
  avmd: boolean;
  /** Set once the first application ran (it re-sets call_uuid). */
  executed: boolean;
  conference?: string;
  onAnswered: Array<() => void>;
  onDestroyed: Array<() => void>;
  /** Simulated µs until which the far end talks (POST /calls/{uuid}/talk); silent otherwise (record's silence detection). */
  talkingUntilUs: number;
  /** Digits this channel sent towards its far end (send_dtmf, uuid_send_dtmf): what the far end heard. */
  dtmfSent: string;
  /** What this channel's eavesdrop mixes (apps/eavesdrop.ts), while it runs. */
  eavesdrop?: EavesdropMix;
  /** A unicast link is up (unicast.ts): the switch takes one per park. */
  unicast?: boolean;
}
