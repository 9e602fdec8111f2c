// What an application module gets from the switch while it runs on one channel, and what it hands back.
// switch.ts fires CHANNEL_EXECUTE before `run` and CHANNEL_EXECUTE_COMPLETE with the returned Application-Response
// after it (FreeSWITCH's switch_core_session_execute_application); an app that keeps running past its own return
// (park) answers STAYS and its EXECUTE_COMPLETE is sent by whoever ends it.
import type { Channel } from "../channel.ts";
import type { Sim } from "../sim-state.ts";
import type { SimSwitch } from "../switch.ts";

/** "slept" when the time ran out, "aborted" when the application was broken off (hangup, uuid_break, a digit). */
export type WaitOutcome = "slept" | "aborted";

export interface AppContext {
  sw: SimSwitch;
  ch: Channel;
  sim: Sim;
  app: string;
  /** The argument after variable expansion (expand.ts). */
  arg: string;
  appUuid: string;
  /** Simulated seconds, cut short when the application is aborted. */
  wait(seconds: number): Promise<WaitOutcome>;
  /** Resolves when the application is aborted (hangup, uuid_break, a terminating digit). */
  aborted: Promise<void>;
}

export const STAYS = Symbol("stays");

/** The Application-Response (undefined: `_none_`), or STAYS. */
export type AppResult = string | undefined | typeof STAYS;

export type SimApp = (ctx: AppContext) => AppResult | Promise<AppResult>;

/** FreeSWITCH's switch_true. */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(true|yes|on|enabled|active|allow|t|1)$/i.test(value);
}
