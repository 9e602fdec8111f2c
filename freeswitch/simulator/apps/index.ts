// The dialplan applications the simulator runs (sendmsg execute, `&app()` of originate, uuid_broadcast), one module
// each. An app not listed here runs for one frame and completes with `_none_`.
import { answer } from "./answer.ts";
import { avmdStart, avmdStop } from "./avmd.ts";
import { bridge } from "./bridge.ts";
import { conference } from "./conference.ts";
import { deflect } from "./deflect.ts";
import { eavesdrop } from "./eavesdrop.ts";
import type { SimApp } from "./context.ts";
import { hangup } from "./hangup.ts";
import { park } from "./park.ts";
import { playAndGetDigits } from "./play-and-get-digits.ts";
import { playback } from "./playback.ts";
import { record } from "./record.ts";
import { ringReady } from "./ring-ready.ts";
import { sendDtmf } from "./send-dtmf.ts";
import { set, unset } from "./set.ts";
import { sleep } from "./sleep.ts";
import { speak } from "./speak.ts";

export const APPS: Readonly<Record<string, SimApp>> = {
  park, answer, hangup, sleep, set, export: set, playback, speak, play_and_get_digits: playAndGetDigits, record,
  bridge, conference, avmd_start: avmdStart, avmd_stop: avmdStop, send_dtmf: sendDtmf, deflect, unset, ring_ready: ringReady,
  eavesdrop, three_way: eavesdrop,
};
