// A call's times come from clocks that are not in step: the database's (queued when placed, initiated when claimed),
// the switch's (ringing, answered, ended: each event's Event-Date-Timestamp) and at times a worker's (an inbound
// answer, an end settled by reconcile). So that a timeline never runs backwards, every time written is clamped to
// be no earlier than the call's times of the stages before it. The SQL twins of this rule are in claimQueuedCalls
// (initiated) and applyCallProgressBatch (ringing, answered); closeCalls and writeCallTransitions use these.

export interface CallTimes {
  queuedAt: Date;
  initiatedAt: Date | null;
  ringingAt: Date | null;
  answeredAt: Date | null;
  endedAt?: Date | null;
}

/** The latest time the call has recorded so far. */
export function latestCallTime(call: CallTimes): Date {
  let latest = call.queuedAt;
  for (const at of [call.initiatedAt, call.ringingAt, call.answeredAt, call.endedAt]) if (at && at > latest) latest = at;
  return latest;
}

/** `at`, or the call's latest recorded time when `at` is earlier (another clock, behind the one that set it). */
export function notBeforeCallTimes(at: Date, call: CallTimes): Date {
  const floor = latestCallTime(call);
  return at < floor ? floor : at;
}
