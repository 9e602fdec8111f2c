// <Enqueue> and <Leave> in the pure interpreter: the queue joined, the wait document run and run again with the
// queue's facts (or the music on hold), and every way out with the QueueResult the action hears.
import { describe, expect, it } from "vitest";
import { resumeSession } from "./resume-session";
import { answer, CALL_PARAMS, fetchedJson, startJson, startTwiml } from "./test-session";

const URL = "https://app.example.com/voice.xml";
const SAY = (text: string) => ({ kind: "speak", text, voice: null, language: "en-US", loop: 1 });

function queued(xml = '<Response><Enqueue waitUrl="/wait" waitUrlMethod="GET" action="/after">support</Enqueue><Say>never</Say></Response>') {
  const d = startTwiml(xml, URL);
  expect(d.commands).toEqual([{ kind: "enqueue", queue: "support", maxSize: null, agentId: null }]);
  return answer(d, { kind: "enqueued", queueSid: "QU1" });
}

describe("<Enqueue>", () => {
  it("joins the queue, then asks the waitUrl with the queue's facts; the wait document runs again when it runs out", () => {
    let d = queued();
    expect(d.commands).toEqual([{ kind: "fetch", url: "https://app.example.com/wait", method: "GET", params: CALL_PARAMS, queueWait: true }]);
    expect(d.state.queue).toMatchObject({ name: "support", sid: "QU1", action: { url: "https://app.example.com/after", method: "POST" } });
    d = answer(d, fetchedJson([{ say: "Please hold" }, { pause: 1 }]));
    expect(d.commands).toEqual([SAY("Please hold")]);
    d = answer(d, { kind: "done" });
    d = answer(d, { kind: "done" });
    expect(d.commands).toEqual([{ kind: "fetch", url: "https://app.example.com/wait", method: "GET", params: CALL_PARAMS, queueWait: true }]);
  });

  it("<Leave> takes the caller out: the action hears leave with QueueSid and QueueTime, and its answer runs", () => {
    let d = queued();
    d = answer(d, fetchedJson([{ say: "Leaving" }, { leave: true }, { say: "never" }]));
    d = answer(d, { kind: "done" });
    expect(d.commands).toEqual([{ kind: "leaveQueue", notify: null }]);
    d = answer(d, { kind: "queueLeft", queueSid: "QU1", waitedSeconds: 7 });
    expect(d.commands).toEqual([{ kind: "fetch", url: "https://app.example.com/after", method: "POST", params: { ...CALL_PARAMS, QueueResult: "leave", QueueSid: "QU1", QueueTime: "7" } }]);
    expect(d.state.queue).toBeUndefined();
    d = answer(d, fetchedJson([{ say: "After the queue" }]));
    expect(d.commands).toEqual([SAY("After the queue")]);
  });

  it("without an action, <Leave> goes on with the verb after <Enqueue>; without a waitUrl the caller hears the music on hold", () => {
    let d = queued("<Response><Enqueue>support</Enqueue><Say>Next verb</Say></Response>");
    expect(d.commands).toEqual([{ kind: "holdMusic" }]);
    expect(d.state.awaiting).toEqual({ kind: "holdMusic" });
    // The music stopped by itself: it starts again.
    d = answer(d, { kind: "done" });
    expect(d.commands).toEqual([{ kind: "holdMusic" }]);
    // The switch cannot play it: the caller leaves the queue with an error.
    d = answer(d, { kind: "failed", code: 11200, message: "FILE NOT FOUND" });
    expect(d.commands).toEqual([{ kind: "reportError", code: 11200, message: "FILE NOT FOUND", verbIndex: null }, { kind: "leaveQueue", notify: null }]);
    d = answer(d, { kind: "queueLeft", queueSid: "QU1", waitedSeconds: 3 });
    expect(d.commands).toEqual([SAY("Next verb")]);
  });

  it("the caller hanging up leaves the queue and the action hears hangup (CallStatus completed); nothing more runs", () => {
    let d = queued();
    d = answer(d, fetchedJson([{ say: "Please hold" }]));
    d = answer(d, { kind: "hangup" });
    expect(d.commands).toEqual([
      { kind: "leaveQueue", notify: { url: "https://app.example.com/after", method: "POST", params: { ...CALL_PARAMS, CallStatus: "completed", QueueResult: "hangup" } } },
    ]);
    expect(d.state.awaiting).toEqual({ kind: "ended" });
  });

  it("<Hangup> in the wait document ends the call; the action hears hangup", () => {
    let d = queued();
    d = answer(d, fetchedJson([{ hangup: true }]));
    expect(d.commands).toEqual([
      { kind: "leaveQueue", notify: { url: "https://app.example.com/after", method: "POST", params: { ...CALL_PARAMS, CallStatus: "completed", QueueResult: "hangup" } } },
      { kind: "hangup", cause: "normal" },
    ]);
  });

  it("a wait document that fails, or runs a verb a wait document cannot, takes the caller out with error", () => {
    let d = queued();
    d = answer(d, fetchedJson([{ dial: [{ number: "+14155550100" }] }]));
    expect(d.commands).toEqual([
      { kind: "reportError", code: 12200, message: expect.stringContaining("<dial> cannot run in a queue's wait document"), verbIndex: 0 },
      { kind: "leaveQueue", notify: null },
    ]);
    d = answer(d, { kind: "queueLeft", queueSid: "QU1", waitedSeconds: 0 });
    expect(d.commands[0]).toMatchObject({ kind: "fetch", url: "https://app.example.com/after", params: { QueueResult: "error" } });

    d = queued();
    d = answer(d, { kind: "fetchFailed", code: 11200, message: "HTTP 500" });
    expect(d.commands.at(-1)).toEqual({ kind: "leaveQueue", notify: null });
  });

  it("a gather's action and a redirect in the wait document keep the caller queued", () => {
    let d = queued();
    d = answer(d, fetchedJson([{ gather: [], numDigits: 1, action: "https://app.example.com/key" }]));
    d = answer(d, { kind: "digits", digits: "1", terminator: null });
    expect(d.commands[0]).toMatchObject({ kind: "fetch", url: "https://app.example.com/key" });
    d = answer(d, fetchedJson([{ redirect: "https://app.example.com/other-wait" }]));
    d = answer(d, fetchedJson([{ leave: true }]));
    expect(d.commands).toEqual([{ kind: "leaveQueue", notify: null }]);
  });

  it("a full queue is refused: the action hears queue-full; a failure to queue, system-error; without an action the next verb runs", () => {
    let d = startTwiml('<Response><Enqueue action="/after">support</Enqueue></Response>', URL);
    d = answer(d, { kind: "queueFull", queueSid: "QU1" });
    expect(d.commands).toEqual([
      { kind: "reportError", code: 12400, message: "queue support is full: the call was not added", verbIndex: 0 },
      { kind: "fetch", url: "https://app.example.com/after", method: "POST", params: { ...CALL_PARAMS, QueueResult: "queue-full", QueueSid: "QU1", QueueTime: "0" } },
    ]);
    d = startJson([{ enqueue: "support", maxQueueSize: 5 }, { say: "Sorry" }]);
    expect(d.commands).toEqual([{ kind: "enqueue", queue: "support", maxSize: 5, agentId: null }]);
    d = answer(d, { kind: "failed", code: 12400, message: "database down" });
    expect(d.commands).toEqual([{ kind: "reportError", code: 12400, message: "database down", verbIndex: 0 }, SAY("Sorry")]);
  });

  it("<Leave> outside a queue does nothing; a resumed wait starts again", () => {
    expect(startJson([{ leave: true }, { say: "on" }]).commands).toEqual([SAY("on")]);
    const d = queued("<Response><Enqueue>support</Enqueue></Response>");
    expect(resumeSession(d.state).commands).toEqual([{ kind: "holdMusic" }]);
  });
});

describe("the ACD's offers and announcements", () => {
  const onHold = () => queued('<Response><Enqueue action="/after">support</Enqueue><Say>never</Say></Response>');

  it("an offer rings the agent as a client with the caller's number; answered and ended, the action hears bridged with the wait", () => {
    let d = onHold();
    expect(d.commands).toEqual([{ kind: "holdMusic" }]);
    d = answer(d, { kind: "agentOffered", agentId: "ag_1", identity: "alice", ringTimeoutSeconds: 15 });
    expect(d.state.awaiting).toEqual({ kind: "agentRinging" });
    expect(d.commands).toEqual([expect.objectContaining({ kind: "dial", targets: [expect.objectContaining({ kind: "client", identity: "alice" })], callerId: CALL_PARAMS.From, timeoutSeconds: 15 })]);
    d = answer(d, { kind: "agentAnswered", by: "CAleg", waitedSeconds: 42 });
    expect(d.commands).toEqual([]);
    d = answer(d, { kind: "dialEnded", status: "completed", dialCallSid: "CAleg", durationSeconds: 30, bridged: true, recording: null, callerHungUp: false });
    expect(d.commands).toEqual([
      { kind: "agentOfferEnded", agentId: "ag_1", answered: true, callerLeft: false },
      { kind: "fetch", url: "https://app.example.com/after", method: "POST", params: { ...CALL_PARAMS, QueueResult: "bridged", QueueSid: "QU1", QueueTime: "42" } },
    ]);
  });

  it("an offer not answered puts the caller back on hold (the ACD told: a miss); a caller hanging up while it rings is no miss", () => {
    let d = onHold();
    d = answer(d, { kind: "agentOffered", agentId: "ag_1", identity: "alice", ringTimeoutSeconds: 15 });
    d = answer(d, { kind: "dialEnded", status: "no-answer", dialCallSid: null, durationSeconds: 0, bridged: false, recording: null, callerHungUp: false });
    expect(d.commands).toEqual([{ kind: "agentOfferEnded", agentId: "ag_1", answered: false, callerLeft: false }, { kind: "holdMusic" }]);
    expect(d.state.queue?.offer).toBeUndefined();
    d = answer(d, { kind: "agentOffered", agentId: "ag_2", identity: "bob", ringTimeoutSeconds: 15 });
    d = answer(d, { kind: "hangup" });
    expect(d.commands).toEqual([
      { kind: "agentOfferEnded", agentId: "ag_2", answered: false, callerLeft: true },
      expect.objectContaining({ kind: "leaveQueue", notify: expect.objectContaining({ params: expect.objectContaining({ QueueResult: "hangup" }) }) }),
    ]);
  });

  it("ring-all: one dial rings every offered agent's client at once; the one who answered alone ends the offer; rung out, each agent is told a miss; the caller hanging up frees them all", () => {
    const agents = [
      { agentId: "ag_1", identity: "alice" },
      { agentId: "ag_2", identity: "bob" },
    ];
    let d = answer(onHold(), { kind: "agentOffered", agentId: "ag_1", identity: "alice", ringTimeoutSeconds: 15, agents });
    expect(d.commands).toEqual([expect.objectContaining({ kind: "dial", sequential: false, targets: [expect.objectContaining({ kind: "client", identity: "alice" }), expect.objectContaining({ kind: "client", identity: "bob" })] })]);
    expect(d.state.queue?.offer).toEqual({ agentId: "ag_1", ringing: agents });
    const ringing = d;
    d = answer(d, { kind: "agentAnswered", by: "CAbob", waitedSeconds: 7, agentId: "ag_2" });
    expect(d.commands).toEqual([]);
    expect(d.state.queue?.offer).toEqual({ agentId: "ag_2" });
    d = answer(d, { kind: "dialEnded", status: "completed", dialCallSid: "CAbob", durationSeconds: 30, bridged: true, recording: null, callerHungUp: false });
    expect(d.commands[0]).toEqual({ kind: "agentOfferEnded", agentId: "ag_2", answered: true, callerLeft: false });

    const rungOut = answer(ringing, { kind: "dialEnded", status: "no-answer", dialCallSid: null, durationSeconds: 0, bridged: false, recording: null, callerHungUp: false });
    expect(rungOut.commands).toEqual([
      { kind: "agentOfferEnded", agentId: "ag_1", answered: false, callerLeft: false },
      { kind: "agentOfferEnded", agentId: "ag_2", answered: false, callerLeft: false },
      { kind: "holdMusic" },
    ]);
    const gone = answer(ringing, { kind: "hangup" });
    expect(gone.commands.slice(0, 2)).toEqual([
      { kind: "agentOfferEnded", agentId: "ag_1", answered: false, callerLeft: true },
      { kind: "agentOfferEnded", agentId: "ag_2", answered: false, callerLeft: true },
    ]);
  });

  it("an announcement is said on hold music and the music goes on; none while the agent's phone rings", () => {
    let d = onHold();
    d = answer(d, { kind: "queueAnnouncement", text: "You are next in line." });
    expect(d.commands).toEqual([SAY("You are next in line."), { kind: "holdMusic" }]);
    d = answer(d, { kind: "agentOffered", agentId: "ag_1", identity: "alice", ringTimeoutSeconds: 15 });
    const ringing = answer(d, { kind: "queueAnnouncement", text: "ignored" });
    expect(ringing.commands).toEqual([]);
    expect(ringing.state).toEqual(d.state);
  });
});
