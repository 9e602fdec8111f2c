// The calls, callbacks and recordings use-cases the worker drives, as one interface. voice-use-cases.ts binds
// it to src/server; the handlers only see this, so the contract (docs/voice-architecture.md) is written once.
import type { DequeueResult } from "@/server/queues/dequeue-call";
import type { ClaimCallOfferResult } from "@/server/acd/claim-call-offer";
import type { ClaimCallbackOfferResult } from "@/server/acd/claim-callback-offer";
import type { CallbackAttemptOutcome } from "@/server/acd/record-callback-attempt";
import type { RequestQueueCallbackResult } from "@/server/acd/request-queue-callback";
import type { TakenMonitorRequest } from "@/server/supervision/take-monitor-requests";
import type { OverflowingCaller } from "@/server/acd/take-overflowing-callers";
import type { QueueAnnouncement } from "@/server/acd/find-queue-announcements";
import type { TenantRoutingSnapshot } from "@/server/acd/load-routing-snapshot";
import type { Readable } from "node:stream";
import type { ClaimedCall } from "@/server/calls/claim-queued-calls";
import type { CreateInboundCallInput, CreateInboundCallResult } from "@/server/calls/create-inbound-call";
import type { CreateAgentCallInput, CreateAgentCallResult } from "@/server/agents/create-agent-call";
import type { MarkDirectAgentCallInput } from "@/server/agents/mark-direct-agent-call";
import type { RecordAgentRegistrationInput } from "@/server/agents/record-agent-registration";
import type { AgentLine } from "@/server/agents/find-agent-lines";
import type { FinalizeCallInput } from "@/server/calls/finalize-call";
import type { Settled } from "./batcher";
import type { RecordCallEventInput } from "@/server/calls/record-call-event";
import type { RecordMachineDetectionInput } from "@/server/calls/record-machine-detection";
import type { LiveCall } from "@/server/calls/find-live-calls-on-switch";
import type { CreateDialLegsInput, CreateDialLegsResult } from "@/server/calls/create-dial-legs";
import type { InternalAppResult } from "@/server/voice-apps/internal-apps";
import type { JoinConferenceInput, JoinConferenceResult } from "@/server/conferences/join-conference";
import type { ConferenceEventInput, ConferenceEventResult } from "@/server/conferences/apply-conference-event";
import type { TakenConferenceRequest } from "@/server/conferences/take-conference-requests";
import type { EnqueueCallInput, EnqueueCallResult } from "@/server/queues/enqueue-call";
import type { QueueWaitFacts } from "@/server/queues/queue-wait-facts";

export type { ClaimedCall, FinalizeCallInput, LiveCall };

export interface CallProgressInput {
  channelUuid: string;
  status: "RINGING" | "IN_PROGRESS";
  at: Date;
  data?: Record<string, unknown>;
}

/** A recording after ingest: completed with its length, or absent/failed. */
export interface IngestedRecording {
  status: string;
  durationSeconds: number | null;
}

export interface VoicePort {
  claimQueuedCalls(input: { switchId: string; workerId: string; limit: number }): Promise<ClaimedCall[]>;
  /** Fails up to `limit` queued calls past their queue deadline (QUEUE_TIMEOUT); returns how many. */
  expireQueuedCalls(input: { limit: number }): Promise<number>;
  applyCallProgress(input: CallProgressInput): Promise<void>;
  /** Several calls' progress in one transaction; each input settles on its own. */
  applyCallProgressBatch(inputs: CallProgressInput[]): Promise<Settled<void>[]>;
  finalizeCall(input: FinalizeCallInput): Promise<void>;
  /** Several legs' ends in one transaction; each input settles on its own (an unknown call fails alone). */
  finalizeCalls(inputs: FinalizeCallInput[]): Promise<Settled<void>[]>;
  /** A timeline entry that is not a status change (dtmf, machine_detected, …). */
  recordCallEvent(input: RecordCallEventInput): Promise<void>;
  /** The answering-machine verdict: answeredBy, the timeline, the async callback (once per call). */
  recordMachineDetection(input: RecordMachineDetectionInput): Promise<void>;
  createInboundCall(input: CreateInboundCallInput): Promise<CreateInboundCallResult>;
  /** A call placed from an agent's phone (the internal profile): what it dials, and the agent on it. */
  createAgentCall(input: CreateAgentCallInput): Promise<CreateAgentCallResult>;
  /** An agent's line answered a <Client> leg outside the ACD: the agent is on that call. */
  markDirectAgentCall(input: MarkDirectAgentCallInput): Promise<void>;
  findLiveCallsOnSwitch(switchId: string): Promise<LiveCall[]>;
  isCallLive(callId: string): Promise<boolean>;
  /** `<Dial><Client>`: the tenant's SIP user of that name, as user@domain, or null. */
  findClientAddress(input: { tenantId: string; identity: string }): Promise<{ username: string; domain: string } | null>;
  sendDueCallbacks(input: { limit: number }): Promise<number>;
  /** A recording of the call starts: two channels (the whole call, a dial) unless `channels` says one (a record verb). */
  startRecording(input: { call: { id: string; tenantId: string }; switchPath: string; channels?: 1 | 2 }): Promise<{ recordingId: string }>;
  ingestRecording(input: { recordingId: string | null; callId: string; switchPath: string; at: Date; trimSilence?: boolean }): Promise<IngestedRecording | null>;
  /** `uuid_record` was refused: the recording fails. */
  failRecording(input: { recordingId: string; errorMessage: string }): Promise<void>;
  /** Recordings left IN_PROGRESS under this switch's folder by an earlier process. */
  findPendingRecordings(input: { startedBefore: Date; switchPathPrefix: string; limit: number }): Promise<{ id: string; callId: string; switchPath: string | null }[]>;
  /** A tenant's completed recording as WAV (`play` recording:RE…), or null when the tenant has none by that id. */
  openRecordingAudio(input: { tenantId: string; recordingId: string }): Promise<Readable | null>;
  /** X-Twilio-Signature of a request to a tenant's URL. */
  signRequest(input: { tenantId: string; url: string; params: Record<string, string> }): Promise<string>;
  /** The interpreter's state of a call as JSON text, stored after every decision (null once the call's document has ended). */
  saveVoiceSession(input: { callId: string; session: string | null }): Promise<void>;
  /** The child calls a dial rings (create-dial-legs.ts). */
  createDialLegs(input: CreateDialLegsInput): Promise<CreateDialLegsResult>;
  /** A document from the platform's own applications (`irisx:` URLs: flows, voicemail). */
  serveInternalApp(input: { tenantId: string; callId: string; url: string; params: Record<string, string> }): Promise<InternalAppResult>;
  /** Where a call that runs a flow starts: its published version's first step (irisx:flow/…), or null when none is published. */
  flowEntryUrl(input: { tenantId: string; flowId: string }): Promise<string | null>;
  /** A live change the API asked for, taken once (null when there is none or another worker took it). */
  takeRedirectRequest(input: { callId: string }): Promise<unknown>;
  /** <Enqueue>: the call joins the tenant's queue of that name (created on first use), or the queue is full. */
  enqueueCall(input: EnqueueCallInput): Promise<EnqueueCallResult>;
  /** The call leaves its queue: the queue and the seconds waited, or null when it was in none. */
  leaveQueue(input: { callId: string }): Promise<{ queueSid: string; waitedSeconds: number } | null>;
  /** <Dial><Queue>: the caller at the front of the named queue, taken out of it (dequeue-call.ts). */
  dequeueCall(input: { tenantId: string; friendlyName: string }): Promise<DequeueResult>;
  /** ACD: the agent answered the caller offered to them (answer-call-offer.ts): the wait, or null when the offer is gone. */
  answerCallOffer(input: { tenantId: string; callId: string; agentId: string; legCallId: string | null }): Promise<{ waitedSeconds: number; queueId: string } | null>;
  /** ACD: the offer is over, answered or not (end-call-offer.ts). */
  endCallOffer(input: { tenantId: string; callId: string; agentId: string; answered: boolean; callerLeft: boolean }): Promise<void>;
  /** ACD: the waiting callers among these calls, their queues and the agents free to take them (load-routing-snapshot.ts). */
  loadRoutingSnapshot(input: { callIds: string[]; callbacks?: { tenantIds?: string[] } }): Promise<TenantRoutingSnapshot[]>;
  /** ACD: the router's choice claimed: the caller offered, the agent (ring-all: the agents) ringing (claim-call-offer.ts). */
  claimCallOffer(input: { tenantId: string; callId: string; agentIds: string[]; reason: string }): Promise<ClaimCallOfferResult>;
  /** ACD: a waiting caller pressed 1: a callback keeps their place (request-queue-callback.ts). */
  requestQueueCallback(input: { tenantId: string; callId: string }): Promise<RequestQueueCallbackResult>;
  /** ACD: the router's choice for a callback claimed: the agent ringing (claim-callback-offer.ts). */
  claimCallbackOffer(input: { tenantId: string; callbackId: string; agentId: string; reason: string }): Promise<ClaimCallbackOfferResult>;
  /** ACD: the agent answered a callback: the customer is dialled (answer-callback-offer.ts). */
  answerCallbackOffer(input: { tenantId: string; callbackId: string; agentId: string }): Promise<{ attemptId: string; attempt: number } | null>;
  /** ACD: the agent did not answer a callback (end-callback-offer.ts). */
  endCallbackOffer(input: { tenantId: string; callbackId: string; agentId: string; why: string }): Promise<void>;
  /** ACD: how the call to a callback's customer went (record-callback-attempt.ts). */
  recordCallbackAttempt(input: { tenantId: string; callbackId: string; attemptId: string; agentId: string; outcome: CallbackAttemptOutcome; hangupCause: string | null; callId: string | null }): Promise<{ status: string } | null>;
  /** ACD: a connected callback's call ended (end-callback-call.ts). */
  endCallbackCall(input: { tenantId: string; callbackId: string; attemptId: string; agentId: string }): Promise<void>;
  /** ACD: callers past their queue's maxWaitSeconds, taken out with where they go (take-overflowing-callers.ts). */
  takeOverflowingCallers(input: { callIds: string[] }): Promise<OverflowingCaller[]>;
  /** ACD: place in line and estimated wait of these callers whose queues announce them (find-queue-announcements.ts). */
  findQueueAnnouncements(input: { callIds: string[] }): Promise<QueueAnnouncement[]>;
  /** ACD: agent states the calls left behind (settle-agents.ts). */
  settleAgents(input: { now?: Date; tenantIds?: string[] }): Promise<{ released: number }>;
  /** ACD: open conversations nobody has, on channels a queue routes, routed again (route-conversation.ts). */
  routeWaitingConversations(input: { tenantIds?: string[] }): Promise<number>;
  /** Supervisors' monitor requests of this switch, each taken once (take-monitor-requests.ts). */
  takeMonitorRequests(input: { switchId: string; limit: number }): Promise<TakenMonitorRequest[]>;
  /** How a monitor went (record-monitor-status.ts). */
  recordMonitorStatus(input: { id: string; status: "ringing" | "active" | "ended" | "failed"; channelUuid?: string; failure?: string }): Promise<void>;
  /** A SIP user registered or unregistered: its agent's `registered` follows (record-agent-registration.ts). */
  recordAgentRegistration(input: RecordAgentRegistrationInput): Promise<unknown>;
  /** Agents' lines, with what the database believes of their registration (the reconciler compares with the switch). */
  findAgentLines(input: { afterId: string | null; limit: number; tenantIds?: string[] }): Promise<AgentLine[]>;
  /** Queue members whose call ended without leaving (a worker died): taken out by reconcile. */
  sweepEndedQueueMembers(input: { graceSeconds?: number }): Promise<number>;
  /** A queued call's place in line and its queue's numbers now (its waitUrl's parameters), or null when in none. */
  findQueueWaitFacts(input: { callId: string }): Promise<QueueWaitFacts | null>;
  /** A <Dial><Conference> call is about to join the switch's room: its participant row, or the room is full. */
  joinConference(input: JoinConferenceInput): Promise<JoinConferenceResult>;
  /** A conference::maintenance event of the switch (worker/conference-events.ts). */
  applyConferenceEvent(input: ConferenceEventInput): Promise<ConferenceEventResult>;
  /** A record-from-start room's recording was ingested: its recordingStatusCallback is queued. */
  notifyConferenceRecording(input: { conferenceId: string }): Promise<unknown>;
  /** Participants whose call ended without the switch saying, and rooms nobody is left in, completed. */
  settleConferences(input: { limit: number }): Promise<unknown>;
  /** Room changes the API asked of this switch, each taken once. */
  takeConferenceRequests(input: { switchId: string; limit: number }): Promise<TakenConferenceRequest[]>;
}
