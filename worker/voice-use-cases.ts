// VoicePort bound to the src/server use-cases: the one place the worker meets the calls, callbacks and
// recordings domains (docs/voice-architecture.md "Use-cases the worker calls").
import { getTenantAuthToken } from "@/server/account/get-tenant-auth-token";
import { applyCallProgress, applyCallProgressBatch } from "@/server/calls/apply-call-progress";
import { signTwilioRequest } from "@/server/calls/callbacks/sign-twilio-request";
import { sendDueCallbacks } from "@/server/calls/callbacks/send-due-callbacks";
import { claimQueuedCalls } from "@/server/calls/claim-queued-calls";
import { createInboundCall } from "@/server/calls/create-inbound-call";
import { createAgentCall } from "@/server/agents/create-agent-call";
import { markDirectAgentCall } from "@/server/agents/mark-direct-agent-call";
import { expireQueuedCalls } from "@/server/calls/expire-queued-calls";
import { finalizeCall, finalizeCalls } from "@/server/calls/finalize-call";
import { findClientAddress } from "@/server/sip/find-client-address";
import { findLiveCallsOnSwitch, isCallLive } from "@/server/calls/find-live-calls-on-switch";
import { recordCallEvent } from "@/server/calls/record-call-event";
import { recordMachineDetection } from "@/server/calls/record-machine-detection";
import { failRecording } from "@/server/recordings/fail-recording";
import { openRecordingAudio } from "@/server/recordings/open-recording-audio";
import { findPendingRecordings } from "@/server/recordings/find-pending-recordings";
import { ingestRecording } from "@/server/recordings/ingest-recording";
import { startRecording } from "@/server/recordings/start-recording";
import { createDialLegs } from "@/server/calls/create-dial-legs";
import { saveVoiceSession } from "@/server/calls/save-voice-session";
import { takeRedirectRequest } from "@/server/calls/redirect-call";
import { serveInternalApp } from "@/server/voice-apps/internal-apps";
import { findFlowEntryById } from "@/server/ivr-flows/flow-entry-url";
import { joinConference } from "@/server/conferences/join-conference";
import { enqueueCall } from "@/server/queues/enqueue-call";
import { leaveQueue } from "@/server/queues/leave-queue";
import { dequeueCall } from "@/server/queues/dequeue-call";
import { answerCallOffer } from "@/server/acd/answer-call-offer";
import { claimCallOffer } from "@/server/acd/claim-call-offer";
import { answerCallbackOffer } from "@/server/acd/answer-callback-offer";
import { claimCallbackOffer } from "@/server/acd/claim-callback-offer";
import { endCallbackCall } from "@/server/acd/end-callback-call";
import { endCallbackOffer } from "@/server/acd/end-callback-offer";
import { recordCallbackAttempt } from "@/server/acd/record-callback-attempt";
import { requestQueueCallback } from "@/server/acd/request-queue-callback";
import { loadRoutingSnapshot } from "@/server/acd/load-routing-snapshot";
import { settleAgents } from "@/server/acd/settle-agents";
import { takeOverflowingCallers } from "@/server/acd/take-overflowing-callers";
import { findQueueAnnouncements } from "@/server/acd/find-queue-announcements";
import { routeWaitingConversations } from "@/server/acd/route-conversation";
import { recordAgentRegistration } from "@/server/agents/record-agent-registration";
import { findAgentLines } from "@/server/agents/find-agent-lines";
import { recordMonitorStatus } from "@/server/supervision/record-monitor-status";
import { takeMonitorRequests } from "@/server/supervision/take-monitor-requests";
import { endCallOffer } from "@/server/acd/end-call-offer";
import { sweepEndedQueueMembers } from "@/server/queues/sweep-ended-queue-members";
import { findQueueWaitFacts } from "@/server/queues/queue-wait-facts";
import { applyConferenceEvent } from "@/server/conferences/apply-conference-event";
import { takeConferenceRequests } from "@/server/conferences/take-conference-requests";
import { notifyConferenceRecording } from "@/server/conferences/notify-conference-recording";
import { settleConferences } from "@/server/conferences/settle-conferences";
import type { Logger } from "@/server/logger";
import type { VoicePort } from "./voice-port";

export interface VoiceUseCaseOptions {
  /** Where the switch writes recordings, as this process sees it. */
  switchRecordingsDir: string;
  log: Logger;
}

export function createVoiceUseCases(opts: VoiceUseCaseOptions): VoicePort {
  return {
    claimQueuedCalls: (input) => claimQueuedCalls(input),
    expireQueuedCalls: (input) => expireQueuedCalls(input),
    applyCallProgress: async (input) => {
      await applyCallProgress(input);
    },
    applyCallProgressBatch: async (inputs) => {
      await applyCallProgressBatch(inputs);
      return inputs.map(() => ({ ok: true as const, value: undefined }));
    },
    finalizeCall: async (input) => {
      await finalizeCall(input);
    },
    finalizeCalls: async (inputs) => (await finalizeCalls(inputs)).map((o) => (o.ok ? { ok: true as const, value: undefined } : o)),
    recordCallEvent: async (input) => {
      await recordCallEvent(input);
    },
    recordMachineDetection: async (input) => {
      await recordMachineDetection(input);
    },
    createInboundCall: (input) => createInboundCall(input),
    createAgentCall: (input) => createAgentCall(input),
    markDirectAgentCall: (input) => markDirectAgentCall(input),
    findLiveCallsOnSwitch: (switchId) => findLiveCallsOnSwitch(switchId),
    isCallLive: (callId) => isCallLive(callId),
    findClientAddress: (input) => findClientAddress(input),
    sendDueCallbacks: async ({ limit }) => {
      const r = await sendDueCallbacks({ limit });
      return r.succeeded + r.retrying + r.failed;
    },
    startRecording: async ({ call, switchPath, channels }) => {
      const recording = await startRecording({ tenantId: call.tenantId, callId: call.id, channels: channels ?? 2, switchPath });
      return { recordingId: recording.id };
    },
    ingestRecording: async ({ recordingId, switchPath, trimSilence }) => {
      if (!recordingId) return null;
      const recording = await ingestRecording({ recordingId, filePath: switchPath, trimSilence }, { switchRecordingsDir: opts.switchRecordingsDir });
      return { status: recording.status, durationSeconds: recording.durationSeconds };
    },
    failRecording: async (input) => {
      await failRecording(input);
    },
    findPendingRecordings: (input) => findPendingRecordings(input),
    openRecordingAudio: (input) => openRecordingAudio(input),
    signRequest: async ({ tenantId, url, params }) => signTwilioRequest(await getTenantAuthToken(tenantId), url, params),
    saveVoiceSession: (input) => saveVoiceSession(input),
    createDialLegs: (input) => createDialLegs(input),
    serveInternalApp: (input) => serveInternalApp(input),
    flowEntryUrl: async (input) => (await findFlowEntryById(input))?.url ?? null,
    takeRedirectRequest: (input) => takeRedirectRequest(input),
    joinConference: (input) => joinConference(input),
    enqueueCall: (input) => enqueueCall(input),
    leaveQueue: (input) => leaveQueue(input),
    dequeueCall: (input) => dequeueCall(input),
    answerCallOffer: (input) => answerCallOffer(input),
    loadRoutingSnapshot: (input) => loadRoutingSnapshot(input),
    claimCallOffer: (input) => claimCallOffer(input),
    requestQueueCallback: (input) => requestQueueCallback(input),
    claimCallbackOffer: (input) => claimCallbackOffer(input),
    answerCallbackOffer: (input) => answerCallbackOffer(input),
    endCallbackOffer: (input) => endCallbackOffer(input),
    recordCallbackAttempt: (input) => recordCallbackAttempt(input),
    endCallbackCall: (input) => endCallbackCall(input),
    settleAgents: (input) => settleAgents(input),
    takeOverflowingCallers: (input) => takeOverflowingCallers(input),
    findQueueAnnouncements: (input) => findQueueAnnouncements(input),
    routeWaitingConversations: (input) => routeWaitingConversations(input),
    recordAgentRegistration: (input) => recordAgentRegistration(input),
    findAgentLines: (input) => findAgentLines(input),
    takeMonitorRequests: (input) => takeMonitorRequests(input),
    recordMonitorStatus: (input) => recordMonitorStatus(input),
    endCallOffer: (input) => endCallOffer(input),
    sweepEndedQueueMembers: (input) => sweepEndedQueueMembers(input),
    findQueueWaitFacts: (input) => findQueueWaitFacts(input),
    applyConferenceEvent: (input) => applyConferenceEvent(input),
    takeConferenceRequests: (input) => takeConferenceRequests(input),
    notifyConferenceRecording: (input) => notifyConferenceRecording(input),
    settleConferences: (input) => settleConferences(input),
  };
}
