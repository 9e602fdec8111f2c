// The parameters sent with every request to the application, named as Twilio names them (twilio.com/docs/voice/twiml
// #request-parameters, and each verb's action parameters), whichever form the document was written in: the call's
// (CallSid, AccountSid, From, To, CallStatus, Direction, ApiVersion), then what the verb learned.
import type { DialCallStatus, RecordingFacts } from "./outcomes";
import type { SessionCall } from "./session-state";

export const TWILIO_API_VERSION = "2010-04-01";

export type RequestParameters = Record<string, string>;

export function callParameters(call: SessionCall): RequestParameters {
  return {
    CallSid: call.callSid,
    AccountSid: call.accountSid,
    From: call.from,
    To: call.to,
    CallStatus: call.status,
    Direction: call.direction,
    ApiVersion: TWILIO_API_VERSION,
    ...(call.forwardedFrom ? { ForwardedFrom: call.forwardedFrom } : {}),
    ...(call.callerName ? { CallerName: call.callerName } : {}),
    ...(call.answeredBy ? { AnsweredBy: call.answeredBy } : {}),
    ...(call.parentCallSid ? { ParentCallSid: call.parentCallSid } : {}),
  };
}

/** <Gather>'s action: Digits, and FinishedOnKey ("" when numDigits or the timeout ended input). */
export function digitsParameters(digits: string, terminator: string | null): RequestParameters {
  return { Digits: digits, FinishedOnKey: terminator ?? "" };
}

export function speechParameters(transcript: string, confidence: number): RequestParameters {
  return { SpeechResult: transcript, Confidence: String(confidence) };
}

function recordingParameters(recording: RecordingFacts): RequestParameters {
  return { RecordingUrl: recording.url, RecordingSid: recording.sid, RecordingDuration: String(recording.durationSeconds) };
}

/** <Record>'s action: the recording, and Digits: the key that ended it, or "hangup". */
export function recordParameters(recording: RecordingFacts, terminator: string | null): RequestParameters {
  return { ...recordingParameters(recording), ...(terminator ? { Digits: terminator } : {}) };
}

export interface DialFacts {
  status: DialCallStatus;
  dialCallSid: string | null;
  durationSeconds: number;
  bridged: boolean;
  recording: RecordingFacts | null;
}

/** <Dial>'s action: DialCallStatus, DialCallSid, DialCallDuration, DialBridged, and the recording when there is one. */
export function dialParameters(dial: DialFacts): RequestParameters {
  return {
    DialCallStatus: dial.status,
    ...(dial.dialCallSid ? { DialCallSid: dial.dialCallSid } : {}),
    DialCallDuration: String(dial.durationSeconds),
    DialBridged: String(dial.bridged),
    ...(dial.recording ? recordingParameters(dial.recording) : {}),
  };
}

/** The fallback URL hears why the document failed: Twilio's ErrorCode and the URL that failed. */
export function errorParameters(code: number, failedUrl: string): RequestParameters {
  return { ErrorCode: String(code), ErrorUrl: failedUrl };
}

/** <Enqueue>'s action: QueueResult, QueueSid and QueueTime (seconds waited). */
export function queueParameters(result: string, queueSid: string, waitedSeconds: number): RequestParameters {
  return { QueueResult: result, QueueSid: queueSid, QueueTime: String(waitedSeconds) };
}
