// When a call ended and how long it talked, from the switch's own clock. Normally that is CHANNEL_HANGUP_COMPLETE's
// figures (billsec, duration, end_uepoch). But a channel can linger after it was hung up: in a graceful shutdown
// (`fsctl shutdown`) with an application still queued, FreeSWITCH 1.10.12 sent CHANNEL_HANGUP at once and
// CHANNEL_HANGUP_COMPLETE ten seconds later, with end_uepoch and billsec counting those ten seconds (seen on the
// real switch: billsec 14 for 3.9 s of talk; freeswitch/real-switch/resilience.test.ts). The moment of the hang-up
// is CHANNEL_HANGUP's, so when the switch's end is more than a second past it, the end and the talk are taken
// from CHANNEL_HANGUP's time instead.
export interface HangupFigures {
  /** CHANNEL_HANGUP_COMPLETE's Event-Date-Timestamp. */
  completeAt: Date;
  /** Its variables, as numbers (0 / null when missing). */
  startUs: number;
  answerUs: number;
  endUs: number;
  billsec: number | null;
  durationSeconds: number | null;
  /** CHANNEL_HANGUP's time, when this worker saw it. */
  hangupAt: Date | null;
}

export interface CallEnd {
  endedAt: Date;
  billsec: number;
  durationSeconds: number;
  answeredAt: Date | null;
  /** The switch's own end lagged the hang-up (see above) and was replaced. */
  lingeredMs: number | null;
}

const LINGER_TOLERANCE_MS = 1_000;

export function callEndFrom(f: HangupFigures): CallEnd {
  const answeredAt = f.answerUs > 0 ? new Date(Math.floor(f.answerUs / 1000)) : null;
  const switchEnd = f.endUs > 0 ? new Date(Math.floor(f.endUs / 1000)) : f.completeAt;
  const lingeredMs = f.hangupAt ? switchEnd.getTime() - f.hangupAt.getTime() : 0;
  if (!f.hangupAt || lingeredMs <= LINGER_TOLERANCE_MS) {
    return { endedAt: f.completeAt, billsec: f.billsec ?? 0, durationSeconds: f.durationSeconds ?? 0, answeredAt, lingeredMs: null };
  }
  const end = f.hangupAt.getTime();
  const seconds = (fromUs: number) => (fromUs > 0 ? Math.max(0, Math.floor((end - fromUs / 1000) / 1000)) : 0);
  return { endedAt: f.hangupAt, billsec: seconds(f.answerUs), durationSeconds: seconds(f.startUs), answeredAt, lingeredMs };
}
