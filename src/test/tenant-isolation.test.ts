// Tenant isolation, exhaustively: every /api/v1 route file on disk and every tRPC procedure of appRouter is
// exercised with tenant B's credentials against tenant A's objects. Routes and procedures that address an
// object by id must answer not-found (never forbidden, never A's data); those without a tenant-owned id are
// listed with the reason and still checked for leaks. Adding a route or procedure without a row here fails.
import { readdirSync } from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { newId, newSid } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";
import { startTelegramStandIn } from "@/test/telegram-stand-in";
import { startTwilioNumbersStandIn, type NumberProviderStandIn } from "@/test/number-provider-stand-ins";
import { createTestRecording, useTempRecordingDirs } from "@/test/recording-fixtures";
import { createTrpcContext } from "@/trpc/init";
import { appRouter, createCaller } from "@/trpc/routers/_app";
import { NOT_ALLOWED } from "@/server/api/unrouted";

const BASE = "http://localhost:3000";
const APP_DIR = path.join(process.cwd(), "src/app");
const A_NUMBER = "+14155550199";

interface Fixture {
  a: { tenantId: string; apiKeyId: string; endpointId: string; deliveryId: string; membershipId: string; userId: string; invitationId: string; auditId: string; phoneNumberId: string; callId: string; sipUserId: string; callerIdId: string; flowId: string; flowVersionId: string; conferenceId: string };
  b: { tenantId: string; auth: string; caller: ReturnType<typeof createCaller>; callerWithAHint: ReturnType<typeof createCaller> };
}

let fx: Fixture;
let numberStandIn: NumberProviderStandIn;
afterAll(async () => {
  vi.unstubAllEnvs();
  await numberStandIn.close();
});

beforeAll(async () => {
  const a = await createTestTenant({ name: "Tenant A" });
  const b = await createTestTenant({ name: "Tenant B" });
  const aKey = await createApiKey(a.actor, { name: "A's key", scopes: ["*"] });
  const bKey = await createApiKey(b.actor, { name: "B's key", scopes: ["*"] });
  // Every route in one go is more than a second's default budget: this test is about isolation, not rate limits.
  await db.tenant.update({ where: { id: b.tenant.id }, data: { apiRateLimitPerSecond: 100_000 } });
  const endpointId = newId("we");
  await db.webhookEndpoint.create({ data: { id: endpointId, tenantId: a.tenant.id, url: "https://a.example.com/hook", eventTypes: ["*"], secretCiphertext: "sealed" } });
  const eventId = newId("evt");
  await db.webhookEvent.create({ data: { id: eventId, tenantId: a.tenant.id, type: "webhook.test", payload: {} } });
  const deliveryId = newId("whd");
  await db.webhookDelivery.create({ data: { id: deliveryId, tenantId: a.tenant.id, eventId, endpointId } });
  const invitationId = newId("inv");
  await db.invitation.create({
    data: { id: invitationId, tenantId: a.tenant.id, email: "new@a.example.com", role: "AGENT", tokenHash: newId("tok"), invitedById: a.user.id, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const membership = await db.membership.findFirstOrThrow({ where: { tenantId: a.tenant.id } });
  const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: a.tenant.id } });
  const phoneNumberId = newSid("PN");
  await db.phoneNumber.create({ data: { id: phoneNumberId, tenantId: a.tenant.id, e164: A_NUMBER, friendlyName: "A's line", origin: "ASSIGNED" } });
  const callId = newSid("CA");
  await db.call.create({ data: { id: callId, tenantId: a.tenant.id, direction: "OUTBOUND_API", from: A_NUMBER, to: "+15005550100", phoneNumberId } });
  const sipUserId = newId("sip");
  await db.sipUser.create({ data: { id: sipUserId, tenantId: a.tenant.id, domain: `${a.tenant.slug}.sip.irisx.local`, username: "a-phone", passwordCipher: "sealed" } });
  // A's caller ID with a pending code (its hash is of a code nobody in this test knows).
  const callerIdId = newSid("CI");
  await db.callerId.create({ data: { id: callerIdId, tenantId: a.tenant.id, e164: "+14155550188", codeHash: "0".repeat(64), codeExpiresAt: new Date(Date.now() + 600_000) } });
  // A's flow, published (version 1), answering A's number.
  const flowId = newId("flow");
  const flowVersionId = newId("fv");
  const graph = { nodes: [{ id: "start", kind: "start" }, { id: "bye", kind: "hangup", prompt: { text: "A's goodbye" } }], edges: [{ id: "e", source: "start", branch: "next", target: "bye" }] };
  await db.flow.create({ data: { id: flowId, tenantId: a.tenant.id, name: "A's flow", draft: graph } });
  await db.flowVersion.create({ data: { id: flowVersionId, tenantId: a.tenant.id, flowId, number: 1, graph } });
  await db.flow.update({ where: { id: flowId }, data: { publishedVersionId: flowVersionId } });
  await db.phoneNumber.update({ where: { id: phoneNumberId }, data: { voiceFlowId: flowId } });
  // A's conference room, A's call connected in it.
  const conferenceId = newSid("CF");
  await db.conference.create({ data: { id: conferenceId, tenantId: a.tenant.id, friendlyName: "a-room", room: `${a.tenant.id}-a-room`, status: "IN_PROGRESS", switchId: "fs-a" } });
  await db.conferenceParticipant.create({ data: { id: newId("cfp"), tenantId: a.tenant.id, conferenceId, callId, status: "CONNECTED", memberId: 1 } });
  // Numbers are bought through the number API's stand-in, so a purchase reaches the uniqueness check.
  numberStandIn = await startTwilioNumbersStandIn();
  for (const [k, v] of Object.entries(numberStandIn.env)) vi.stubEnv(k, v);
  const userB = { id: b.user.id, email: b.user.email, name: b.user.name, isPlatformStaff: false, impersonatorId: null };
  const ctx = (hint: string | null) =>
    createTrpcContext({ headers: new Headers(hint ? { "x-irisx-tenant": hint } : {}), getUser: async () => userB });
  fx = {
    a: { tenantId: a.tenant.id, apiKeyId: aKey.apiKey.id, endpointId, deliveryId, membershipId: membership.id, userId: a.user.id, invitationId, auditId: audit.id, phoneNumberId, callId, sipUserId, callerIdId, flowId, flowVersionId, conferenceId },
    b: { tenantId: b.tenant.id, auth: `Bearer ${bKey.bearerToken}`, caller: createCaller(ctx(null)), callerWithAHint: createCaller(ctx(a.tenant.id)) },
  };
});

// A's completed recording (src/server/recordings), on A's call.
let aRecordingId: string;
beforeAll(async () => {
  await useTempRecordingDirs();
  aRecordingId = (await createTestRecording(fx.a.tenantId, { callId: fx.a.callId })).recording.id;
});
// A's voicemail box, a message in it (on A's recording) and a debugger error on A's call.
let aBoxId: string;
let aVoicemailId: string;
let aErrorId: string;
beforeAll(async () => {
  aBoxId = newId("vmb");
  await db.voicemailBox.create({ data: { id: aBoxId, tenantId: fx.a.tenantId, name: "A's box", notifyEmails: ["a@a.example.com"] } });
  aVoicemailId = newSid("VM");
  await db.voicemail.create({ data: { id: aVoicemailId, tenantId: fx.a.tenantId, boxId: aBoxId, callId: fx.a.callId, recordingId: aRecordingId, from: "+14155550123", to: A_NUMBER, durationSeconds: 3 } });
  aErrorId = newId("cev");
  await db.callEvent.create({ data: { id: aErrorId, callId: fx.a.callId, tenantId: fx.a.tenantId, sequence: 900, type: "debugger.error", occurredAt: new Date(), data: { code: 11200, message: "A's error", source: "fetch" } } });
});
const expectVoicemailIntact = async () => {
  expect(await db.voicemail.findUniqueOrThrow({ where: { id: aVoicemailId } })).toMatchObject({ readAt: null });
  expect((await db.voicemailBox.findUniqueOrThrow({ where: { id: aBoxId } })).name).toBe("A's box");
};
const expectNoVoicemailLeak = (value: unknown) => {
  const text = JSON.stringify(value ?? null, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  for (const id of [aBoxId, aVoicemailId, aErrorId, "A's error", "a@a.example.com"]) expect(text, `leaked ${id}`).not.toContain(id);
};

// A's message template and sending domain (src/server/templates, src/server/sending-domains).
let aTemplateId: string;
let aDomainId: string;
let aRuleId: string;
beforeAll(async () => {
  aTemplateId = newId("mt");
  await db.messageTemplate.create({ data: { id: aTemplateId, tenantId: fx.a.tenantId, channel: "SMS", name: "A's template", body: "A's secret {{code}}", variables: ["code"] } });
  aRuleId = newId("ar");
  await db.automationRule.create({ data: { id: aRuleId, tenantId: fx.a.tenantId, name: "A's rule", conditions: [{ kind: "channel", channels: ["sms"] }], actions: [{ kind: "auto_reply", body: "A's secret reply" }] } });
  await db.automationRun.create({ data: { id: newId("arr"), tenantId: fx.a.tenantId, ruleId: aRuleId, messageId: "SMa-run", results: [] } });
  aDomainId = newId("sd");
  await db.sendingDomain.create({ data: { id: aDomainId, tenantId: fx.a.tenantId, domain: "a-mail.example.com", dkimSelector: "irisx", dkimPublicKey: "AAAA", dkimPrivateKeySealed: "sealed" } });
});
const expectMessagingConfigIntact = async () => {
  expect((await db.messageTemplate.findUniqueOrThrow({ where: { id: aTemplateId } })).body).toBe("A's secret {{code}}");
  expect((await db.sendingDomain.findUniqueOrThrow({ where: { id: aDomainId } })).checkedAt).toBeNull();
};
const expectNoMessagingConfigLeak = (value: unknown) => {
  const text = JSON.stringify(value ?? null);
  for (const id of [aTemplateId, aDomainId, aRuleId, "A's template", "A's secret", "A's rule", "SMa-run", "a-mail.example.com"]) expect(text, `leaked ${id}`).not.toContain(id);
};
// A's message (sent from A's number to a customer) and A's suppression list entry.
let aMessageId: string;
let aSuppressionId: string;
let aEmailId: string;
let aAttachmentId: string;
const A_CUSTOMER = "+14155550177";
beforeAll(async () => {
  aMessageId = newSid("SM");
  await db.message.create({ data: { id: aMessageId, tenantId: fx.a.tenantId, channel: "SMS", direction: "OUTBOUND", status: "SENT", from: A_NUMBER, to: A_CUSTOMER, body: "A's secret message", phoneNumberId: fx.a.phoneNumberId } });
  // A's email with an attachment (a row: the download is refused before any storage is read).
  aEmailId = newSid("SM");
  await db.message.create({ data: { id: aEmailId, tenantId: fx.a.tenantId, channel: "EMAIL", direction: "INBOUND", status: "RECEIVED", from: "x@example.org", to: "in@a-mail.example.com", body: "A's secret message", subject: "A's secret message", emailMessageId: "<a-1@example.org>", threadKey: "<a-1@example.org>" } });
  aAttachmentId = newId("ma");
  await db.messageAttachment.create({ data: { id: aAttachmentId, tenantId: fx.a.tenantId, messageId: aEmailId, filename: "a.pdf", contentType: "application/pdf", sizeBytes: 3, storage: "local", storageKey: `${fx.a.tenantId}/attachments/${aAttachmentId}.irxr`, dataKeyId: "none" } });
  aSuppressionId = newId("sup");
  await db.messagingSuppression.create({ data: { id: aSuppressionId, tenantId: fx.a.tenantId, address: "+14155550178", source: "manual", note: "A's opt-out" } });
});
const expectNoMessageLeak = (value: unknown) => {
  const text = JSON.stringify(value ?? null, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  for (const id of [aMessageId, aEmailId, aAttachmentId, "<a-1@example.org>", aSuppressionId, "A's secret message", "A's opt-out", "+14155550178"]) expect(text, `leaked ${id}`).not.toContain(id);
};
// A's contact (with a phone, an email and a note), a merge into it, and an import with a bad row.
let aContactId: string;
let aIdentityId: string;
let aNoteId: string;
let aMergeId: string;
let aImportId: string;
let aFieldId: string;
beforeAll(async () => {
  aContactId = newId("ct");
  aIdentityId = newId("cti");
  aNoteId = newId("ctn");
  aMergeId = newId("ctm");
  aImportId = newId("ctimp");
  aFieldId = newId("ctf");
  const tenantId = fx.a.tenantId;
  await db.contact.create({ data: { id: aContactId, tenantId, displayName: "A's customer", tags: ["a-tag"] } });
  await db.contactIdentity.create({ data: { id: aIdentityId, tenantId, contactId: aContactId, kind: "PHONE", value: "+14155550123" } });
  await db.contactIdentity.create({ data: { id: newId("cti"), tenantId, contactId: aContactId, kind: "EMAIL", value: "customer@a.example.com" } });
  await db.contactNote.create({ data: { id: aNoteId, tenantId, contactId: aContactId, body: "A's secret note" } });
  await db.contactMerge.create({ data: { id: aMergeId, tenantId, survivorId: aContactId, mergedId: newId("ct"), before: {} } });
  await db.contactImport.create({ data: { id: aImportId, tenantId, fileName: "a.csv", storagePath: "/nonexistent/a.csv", sizeBytes: 10n, mapping: { name: "display_name" }, status: "COMPLETED" } });
  await db.contactImportError.create({ data: { id: newId("ctie"), tenantId, importId: aImportId, rowNumber: 2, field: "phone", message: "A's bad row" } });
  await db.contactFieldDefinition.create({ data: { id: aFieldId, tenantId, name: "a_only", label: "A only", type: "TEXT" } });
});
let aConversationId: string;
let aCannedId: string;
let aTeamId: string;
beforeAll(async () => {
  aConversationId = newId("cv");
  aCannedId = newId("cr");
  aTeamId = newId("itm");
  const tenantId = fx.a.tenantId;
  await db.inboxTeam.create({ data: { id: aTeamId, tenantId, name: "A's team", members: { create: { tenantId, userId: fx.a.userId } } } });
  await db.conversation.create({ data: { id: aConversationId, tenantId, contactId: aContactId, channel: "SMS", inboxAddress: A_NUMBER, contactAddress: "+14155550123", labels: ["a-label"], teamId: aTeamId } });
  await db.message.create({ data: { id: newSid("SM"), tenantId, channel: "SMS", direction: "INBOUND", status: "RECEIVED", from: "+14155550123", to: A_NUMBER, body: "A's inbox secret", conversationId: aConversationId } });
  await db.conversationNote.create({ data: { id: newId("cvn"), tenantId, conversationId: aConversationId, body: "A's inbox note", mentionUserIds: [] } });
  await db.cannedResponse.create({ data: { id: aCannedId, tenantId, shortCode: "a-canned", body: "A's canned body" } });
});
// A's @mention notification for A's owner, on A's conversation (src/server/notifications).
let aNotificationId: string;
beforeAll(async () => {
  const noteId = newId("cvn");
  aNotificationId = newId("ntf");
  await db.conversationNote.create({ data: { id: noteId, tenantId: fx.a.tenantId, conversationId: aConversationId, body: "A's mention note", mentionUserIds: [fx.a.userId] } });
  await db.notification.create({ data: { id: aNotificationId, tenantId: fx.a.tenantId, userId: fx.a.userId, kind: "mention", conversationId: aConversationId, noteId } });
});
const expectNotificationIntact = async () => expect(await db.notification.findUniqueOrThrow({ where: { id: aNotificationId } })).toMatchObject({ readAt: null });
const expectNoNotificationLeak = (value: unknown) => {
  const text = JSON.stringify(value ?? null);
  for (const id of [aNotificationId, aConversationId, "A's mention note"]) expect(text, `leaked ${id}`).not.toContain(id);
};
// A's agent (the owner as an agent, available), its skill and its queue.
let aAgentId: string;
let aLineQueueId: string;
let aMonitorId: string;
let bUserId: string;
beforeAll(async () => {
  const { ensureAgent } = await import("@/server/agents/ensure-agent");
  aAgentId = (await ensureAgent(db, fx.a.tenantId, fx.a.userId)).id;
  await db.agent.update({ where: { id: aAgentId }, data: { state: "AVAILABLE" } });
  bUserId = (await db.membership.findFirstOrThrow({ where: { tenantId: fx.b.tenantId } })).userId;
  // A's queue with A's call waiting in it (Twilio's Queues and Members).
  aLineQueueId = newSid("QU");
  await db.callQueue.create({ data: { id: aLineQueueId, tenantId: fx.a.tenantId, friendlyName: "a-queue" } });
  await db.queueMember.create({ data: { id: newId("qm"), tenantId: fx.a.tenantId, queueId: aLineQueueId, callId: fx.a.callId, position: 1 } });
  aMonitorId = newId("mon");
  await db.supervisorMonitor.create({ data: { id: aMonitorId, tenantId: fx.a.tenantId, supervisorUserId: fx.a.userId, agentId: aAgentId, callId: fx.a.callId, switchId: "fs-a", mode: "listen", status: "active", pending: null } });
});
// A's contact-centre lists and queue (its agent serves the queue with A's skill).
let aSkillId: string;
let aReasonId: string;
let aDispositionId: string;
let aQueueId: string;
let aCallbackId: string;
beforeAll(async () => {
  const tenantId = fx.a.tenantId;
  aSkillId = newId("sk");
  aReasonId = newId("ar");
  aDispositionId = newId("dsp");
  aQueueId = newSid("QU");
  await db.skill.create({ data: { id: aSkillId, tenantId, name: "A's skill" } });
  await db.awayReason.create({ data: { id: aReasonId, tenantId, name: "A's reason" } });
  await db.disposition.create({ data: { id: aDispositionId, tenantId, code: "a-code", name: "A's disposition" } });
  await db.callQueue.create({ data: { id: aQueueId, tenantId, friendlyName: "A's queue", skills: { create: { tenantId, skillId: aSkillId, minLevel: 3 } }, agents: { create: { tenantId, agentId: aAgentId } } } });
  await db.agentSkill.create({ data: { tenantId, agentId: aAgentId, skillId: aSkillId, level: 5 } });
  // A's caller who pressed 1: a callback at their place, with one unanswered attempt.
  aCallbackId = newId("qcb");
  await db.queueCallback.create({ data: { id: aCallbackId, tenantId, queueId: aQueueId, callId: fx.a.callId, number: "+14155550777", callerId: A_NUMBER, enqueuedAt: new Date(), attempts: 1, lastOutcome: "no-answer" } });
  await db.queueCallbackAttempt.create({ data: { id: newId("qca"), tenantId, callbackId: aCallbackId, agentId: aAgentId, attempt: 1, outcome: "no-answer", hangupCause: "NO_ANSWER" } });
});
const expectContactCentreIntact = async () => {
  expect((await db.skill.findUniqueOrThrow({ where: { id: aSkillId } })).name).toBe("A's skill");
  expect(await db.awayReason.findUniqueOrThrow({ where: { id: aReasonId } })).toMatchObject({ name: "A's reason", archived: false });
  expect(await db.disposition.findUniqueOrThrow({ where: { id: aDispositionId } })).toMatchObject({ name: "A's disposition", archived: false });
  expect(await db.callQueue.findUniqueOrThrow({ where: { id: aQueueId } })).toMatchObject({ friendlyName: "A's queue", strategy: "longest-idle", serviceLevelSeconds: 20 });
  expect(await db.queueSkill.findMany({ where: { queueId: aQueueId } })).toMatchObject([{ skillId: aSkillId, minLevel: 3 }]);
  expect(await db.queueAgent.count({ where: { queueId: aQueueId } })).toBe(1);
  expect(await db.agent.findUniqueOrThrow({ where: { id: aAgentId } })).toMatchObject({ callCapacity: 1, conversationCapacity: 3 });
  expect(await db.agentSkill.count({ where: { agentId: aAgentId } })).toBe(1);
};
const expectNoContactCentreLeak = (value: unknown) => {
  const text = JSON.stringify(value ?? null);
  for (const id of [aSkillId, aReasonId, aDispositionId, aQueueId, aAgentId, aCallbackId, "+14155550777", "A's reason", "A's disposition"]) expect(text, `leaked ${id}`).not.toContain(id);
};
/** B's member on a call of their own (their agent ON_CALL) while `check` runs. */
async function whileBAgentOnCall(check: () => Promise<void>): Promise<void> {
  const { ensureAgent } = await import("@/server/agents/ensure-agent");
  const bAgentId = (await ensureAgent(db, fx.b.tenantId, bUserId)).id;
  await db.agent.update({ where: { id: bAgentId }, data: { state: "ON_CALL", currentCallId: "CA-b-not-a-real-call" } });
  try {
    await check();
  } finally {
    await db.agent.update({ where: { id: bAgentId }, data: { state: "OFFLINE", currentCallId: null } });
  }
}
const expectAgentIntact = async () => expect(await db.agent.findUniqueOrThrow({ where: { id: aAgentId } })).toMatchObject({ state: "AVAILABLE" });
const expectNoAgentLeak = (value: unknown) => expect(JSON.stringify(value ?? null)).not.toContain(aAgentId);

const expectInboxIntact = async () => {
  expect(await db.conversation.findUniqueOrThrow({ where: { id: aConversationId } })).toMatchObject({ status: "OPEN", assigneeUserId: null, labels: ["a-label"], unreadCount: 0, teamId: aTeamId });
  expect(await db.conversationNote.count({ where: { conversationId: aConversationId } })).toBe(2);
  expect(await db.message.count({ where: { conversationId: aConversationId } })).toBe(1);
  expect(await db.cannedResponse.count({ where: { id: aCannedId } })).toBe(1);
  expect(await db.inboxTeamMember.count({ where: { teamId: aTeamId } })).toBe(1);
};
const expectNoInboxLeak = (value: unknown) => {
  const text = JSON.stringify(value ?? null, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  for (const id of [aConversationId, aCannedId, aTeamId, fx.a.userId, "A's inbox", "A's canned", "A's team", "a-label", "a-canned"]) expect(text, `leaked ${id}`).not.toContain(id);
};
const expectContactIntact = async () => {
  expect(await db.contact.findUniqueOrThrow({ where: { id: aContactId } })).toMatchObject({ displayName: "A's customer", tags: ["a-tag"] });
  expect(await db.contactIdentity.count({ where: { contactId: aContactId } })).toBe(2);
  expect(await db.contactNote.count({ where: { id: aNoteId } })).toBe(1);
  expect((await db.contactMerge.findUniqueOrThrow({ where: { id: aMergeId } })).undoneAt).toBeNull();
};
const expectNoContactLeak = (value: unknown) => {
  const text = JSON.stringify(value ?? null, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  for (const id of [aContactId, aIdentityId, aNoteId, aMergeId, aImportId, aFieldId, "A's customer", "customer@a.example.com", "+14155550123", "a_only", "A's bad row"]) expect(text, `leaked ${id}`).not.toContain(id);
};

const expectRecordingIntact = async () => expect((await db.recording.findUniqueOrThrow({ where: { id: aRecordingId } })).status).toBe("COMPLETED");

/** Every id of tenant A; no response to tenant B may contain one. */
const aIds = () => Object.values(fx.a);
function expectNoLeak(value: unknown) {
  const text = JSON.stringify(value ?? null, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  for (const id of aIds()) expect(text, `leaked ${id}`).not.toContain(id);
}

// ---- REST ---------------------------------------------------------------------------------------------

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;

function send(handler: Handler, method: string, url: string, opts: { params?: Record<string, string>; body?: object } = {}) {
  const req = new Request(`${BASE}${url}`, {
    method,
    headers: { authorization: fx.b.auth, ...(opts.body ? { "content-type": "application/json" } : {}) },
    body: opts.body ? JSON.stringify(opts.body) : undefined,
  });
  return handler(req, { params: Promise.resolve(opts.params ?? {}) });
}

async function expectNotFound(res: Promise<Response>) {
  const r = await res;
  const body = (await r.json()) as { error?: { code: string } };
  expect(r.status).toBe(404);
  expect(body.error?.code).toBe("NOT_FOUND");
  expectNoLeak(body);
}

type RestCase = { aId: true; run: (h: Handler) => Promise<void> } | { aId: false; reason: string; run: (h: Handler) => Promise<void> };

const REST: Record<string, RestCase> = {
  "GET /api/v1/account": {
    aId: false,
    reason: "the account is the key's own tenant; no id in the request",
    run: async (h) => {
      const body = (await (await send(h, "GET", "/api/v1/account")).json()) as { id: string };
      expect(body.id).toBe(fx.b.tenantId);
    },
  },
  "GET /api/v1/api-keys": {
    aId: false,
    reason: "lists the caller's keys; A's key id as cursor is rejected as unknown",
    run: async (h) => {
      expectNoLeak(await (await send(h, "GET", "/api/v1/api-keys")).json());
      const r = await send(h, "GET", `/api/v1/api-keys?starting_after=${fx.a.apiKeyId}`);
      expect(r.status).toBe(400);
    },
  },
  "POST /api/v1/api-keys": {
    aId: false,
    reason: "creates in the caller's tenant; a tenant field in the body is rejected",
    run: async (h) => expect((await send(h, "POST", "/api/v1/api-keys", { body: { name: "x", scopes: ["*"], tenant_id: fx.a.tenantId } })).status).toBe(400),
  },
  "GET /api/v1/api-keys/{id}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/api-keys/${fx.a.apiKeyId}`, { params: { id: fx.a.apiKeyId } })) },
  "DELETE /api/v1/api-keys/{id}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "DELETE", `/api/v1/api-keys/${fx.a.apiKeyId}`, { params: { id: fx.a.apiKeyId } }));
      expect((await db.apiKey.findUniqueOrThrow({ where: { id: fx.a.apiKeyId } })).revokedAt).toBeNull();
    },
  },
  "GET /api/v1/webhook-endpoints": {
    aId: false,
    reason: "lists the caller's endpoints; a cursor only orders the caller's rows",
    run: async (h) => {
      expectNoLeak(await (await send(h, "GET", "/api/v1/webhook-endpoints")).json());
      expectNoLeak(await (await send(h, "GET", `/api/v1/webhook-endpoints?starting_after=${fx.a.endpointId}z`)).json());
    },
  },
  "POST /api/v1/webhook-endpoints": {
    aId: false,
    reason: "creates in the caller's tenant; a tenant field in the body is rejected",
    run: async (h) =>
      expect((await send(h, "POST", "/api/v1/webhook-endpoints", { body: { url: "https://b.example.com/h", event_types: ["*"], tenant_id: fx.a.tenantId } })).status).toBe(400),
  },
  "GET /api/v1/webhook-endpoints/{id}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/webhook-endpoints/${fx.a.endpointId}`, { params: { id: fx.a.endpointId } })) },
  "PATCH /api/v1/webhook-endpoints/{id}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "PATCH", `/api/v1/webhook-endpoints/${fx.a.endpointId}`, { params: { id: fx.a.endpointId }, body: { enabled: false } }));
      expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: fx.a.endpointId } })).status).toBe("ENABLED");
    },
  },
  "DELETE /api/v1/webhook-endpoints/{id}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "DELETE", `/api/v1/webhook-endpoints/${fx.a.endpointId}`, { params: { id: fx.a.endpointId } }));
      expect(await db.webhookEndpoint.count({ where: { id: fx.a.endpointId } })).toBe(1);
    },
  },
  "GET /api/v1/webhook-endpoints/{id}/deliveries": {
    aId: true,
    run: (h) => expectNotFound(send(h, "GET", `/api/v1/webhook-endpoints/${fx.a.endpointId}/deliveries`, { params: { id: fx.a.endpointId } })),
  },
  "POST /api/v1/webhook-deliveries/{id}/redeliver": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "POST", `/api/v1/webhook-deliveries/${fx.a.deliveryId}/redeliver`, { params: { id: fx.a.deliveryId } }));
      expect(await db.webhookAttempt.count({ where: { deliveryId: fx.a.deliveryId } })).toBe(0);
    },
  },
  "GET /api/v1/phone-numbers": {
    aId: false,
    reason: "lists the caller's numbers; A's number id as cursor is rejected as unknown",
    run: async (h) => {
      expectNoLeak(await (await send(h, "GET", "/api/v1/phone-numbers?search=4155550199")).json());
      expect((await send(h, "GET", `/api/v1/phone-numbers?starting_after=${fx.a.phoneNumberId}`)).status).toBe(400);
    },
  },
  "GET /api/v1/available-phone-numbers": {
    aId: false,
    reason: "the number provider's stock, not tenant data; numbers any account holds are left out",
    run: async (h) => {
      const r = await send(h, "GET", "/api/v1/available-phone-numbers?area_code=415&limit=50");
      expect(r.status).toBe(200);
      const body = (await r.json()) as { data: { phone_number: string }[] };
      expect(body.data.length).toBeGreaterThan(0);
      expect(body.data.map((n) => n.phone_number)).not.toContain(A_NUMBER);
      expectNoLeak(body);
    },
  },
  "GET /api/v1/caller-ids": {
    aId: false,
    reason: "lists the caller's caller IDs; A's id as cursor is rejected as unknown",
    run: async (h) => {
      expectNoLeak(await (await send(h, "GET", "/api/v1/caller-ids")).json());
      expect((await send(h, "GET", `/api/v1/caller-ids?starting_after=${fx.a.callerIdId}`)).status).toBe(400);
    },
  },
  "POST /api/v1/caller-ids": {
    aId: false,
    reason: "verifies in the caller's tenant; A's DID is unavailable without naming A, and no call is placed to it",
    run: async (h) => {
      const r = await send(h, "POST", "/api/v1/caller-ids", { body: { phone_number: A_NUMBER } });
      expect(r.status).toBe(409);
      expectNoLeak(await r.json());
      expect(await db.call.count({ where: { to: A_NUMBER, purpose: "caller_id_verification" } })).toBe(0);
    },
  },
  "GET /api/v1/caller-ids/{callerIdId}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/caller-ids/${fx.a.callerIdId}`, { params: { callerIdId: fx.a.callerIdId } })) },
  "POST /api/v1/caller-ids/{callerIdId}/verify": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "POST", `/api/v1/caller-ids/${fx.a.callerIdId}/verify`, { params: { callerIdId: fx.a.callerIdId }, body: { code: "123456" } }));
      expect((await db.callerId.findUniqueOrThrow({ where: { id: fx.a.callerIdId } })).codeAttempts).toBe(0);
    },
  },
  "DELETE /api/v1/caller-ids/{callerIdId}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "DELETE", `/api/v1/caller-ids/${fx.a.callerIdId}`, { params: { callerIdId: fx.a.callerIdId } }));
      expect(await db.callerId.count({ where: { id: fx.a.callerIdId } })).toBe(1);
    },
  },
  "POST /api/v1/phone-numbers": {
    aId: false,
    reason: "buys in the caller's tenant; A's DID is refused as unavailable without naming A's number",
    run: async (h) => {
      const r = await send(h, "POST", "/api/v1/phone-numbers", { body: { phone_number: A_NUMBER } });
      expect(r.status).toBe(409);
      expectNoLeak(await r.json());
      expect((await send(h, "POST", "/api/v1/phone-numbers", { body: { phone_number: "+14155550198", tenant_id: fx.a.tenantId } })).status).toBe(400);
    },
  },
  "GET /api/v1/flows": {
    aId: false,
    reason: "lists the caller's flows; A's flow as cursor is rejected",
    run: async (h) => {
      expectNoLeak(await (await send(h, "GET", "/api/v1/flows")).json());
      expect((await send(h, "GET", `/api/v1/flows?starting_after=${fx.a.flowId}`)).status).toBe(400);
    },
  },
  "POST /api/v1/flows": {
    aId: false,
    reason: "creates in the key's tenant; a tenant_id in the body is refused",
    run: async (h) => {
      expect((await send(h, "POST", "/api/v1/flows", { body: { name: "B's flow", tenant_id: fx.a.tenantId } })).status).toBe(400);
      expectNoLeak(await (await send(h, "POST", "/api/v1/flows", { body: { name: "B's flow" } })).json());
    },
  },
  "GET /api/v1/flows/{flowId}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/flows/${fx.a.flowId}`, { params: { flowId: fx.a.flowId } })) },
  "POST /api/v1/flows/{flowId}/publish": { aId: true, run: (h) => expectNotFound(send(h, "POST", `/api/v1/flows/${fx.a.flowId}/publish`, { params: { flowId: fx.a.flowId } })) },
  "GET /api/v1/phone-numbers/{numberId}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/phone-numbers/${fx.a.phoneNumberId}`, { params: { numberId: fx.a.phoneNumberId } })) },
  "POST /api/v1/phone-numbers/{numberId}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "POST", `/api/v1/phone-numbers/${fx.a.phoneNumberId}`, { params: { numberId: fx.a.phoneNumberId }, body: { voice_url: "https://b.example.com/v" } }));
      expect((await db.phoneNumber.findUniqueOrThrow({ where: { id: fx.a.phoneNumberId } })).voiceUrl).toBeNull();
    },
  },
  "DELETE /api/v1/phone-numbers/{numberId}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "DELETE", `/api/v1/phone-numbers/${fx.a.phoneNumberId}`, { params: { numberId: fx.a.phoneNumberId } }));
      expect(await db.phoneNumber.count({ where: { id: fx.a.phoneNumberId } })).toBe(1);
    },
  },
  "GET /api/v1/recordings": {
    aId: false,
    reason: "lists the caller's recordings; A's call id as a filter finds nothing, A's recording as cursor is rejected",
    run: async (h) => {
      const body = await (await send(h, "GET", `/api/v1/recordings?call_id=${fx.a.callId}`)).json();
      expect(body).toMatchObject({ data: [] });
      expect(JSON.stringify(body)).not.toContain(aRecordingId);
      expect((await send(h, "GET", `/api/v1/recordings?starting_after=${aRecordingId}`)).status).toBe(400);
    },
  },
  "GET /api/v1/recordings/{id}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/recordings/${aRecordingId}`, { params: { id: aRecordingId } })) },
  "DELETE /api/v1/recordings/{id}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "DELETE", `/api/v1/recordings/${aRecordingId}`, { params: { id: aRecordingId } }));
      await expectRecordingIntact();
    },
  },
  "GET /api/v1/alerts": {
    aId: false,
    reason: "lists the caller's errors; A's call as a filter finds nothing, A's error as cursor is rejected",
    run: async (h) => {
      const body = await (await send(h, "GET", `/api/v1/alerts?call_sid=${fx.a.callId}`)).json();
      expect(body).toMatchObject({ data: [] });
      expectNoVoicemailLeak(await (await send(h, "GET", "/api/v1/alerts")).json());
      expect((await send(h, "GET", `/api/v1/alerts?starting_after=${aErrorId}`)).status).toBe(400);
    },
  },
  "GET /api/v1/voicemails": {
    aId: false,
    reason: "lists the caller's messages; A's box as a filter finds nothing, A's message as cursor is rejected",
    run: async (h) => {
      const body = await (await send(h, "GET", `/api/v1/voicemails?box_id=${aBoxId}`)).json();
      expect(body).toMatchObject({ data: [] });
      expectNoVoicemailLeak(await (await send(h, "GET", "/api/v1/voicemails")).json());
      expect((await send(h, "GET", `/api/v1/voicemails?starting_after=${aVoicemailId}`)).status).toBe(400);
    },
  },
  "GET /api/v1/voicemails/{id}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/voicemails/${aVoicemailId}`, { params: { id: aVoicemailId } })) },
  "PATCH /api/v1/voicemails/{id}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "PATCH", `/api/v1/voicemails/${aVoicemailId}`, { params: { id: aVoicemailId }, body: { read: true } }));
      await expectVoicemailIntact();
    },
  },
  "DELETE /api/v1/voicemails/{id}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "DELETE", `/api/v1/voicemails/${aVoicemailId}`, { params: { id: aVoicemailId } }));
      await expectVoicemailIntact();
      await expectRecordingIntact();
    },
  },
  "GET /api/v1/conversations": {
    aId: false,
    reason: "lists the caller's conversations; A's words, label, team or assignee as filters find nothing, A's id as cursor is rejected",
    run: async (h) => {
      for (const q of ["status=any&q=secret", "status=any&label=a-label", `status=any&team_id=${aTeamId}`, `status=any&assignee_id=${fx.a.userId}`]) {
        const body = await (await send(h, "GET", `/api/v1/conversations?${q}`)).json();
        expect(body).toMatchObject({ data: [] });
        expectNoInboxLeak(body);
      }
      expect((await send(h, "GET", `/api/v1/conversations?starting_after=${aConversationId}`)).status).toBe(400);
    },
  },
  "GET /api/v1/conversations/{id}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/conversations/${aConversationId}`, { params: { id: aConversationId } })) },
  "PATCH /api/v1/conversations/{id}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "PATCH", `/api/v1/conversations/${aConversationId}`, { params: { id: aConversationId }, body: { status: "resolved", labels: [] } }));
      await expectInboxIntact();
    },
  },
  "GET /api/v1/conversations/{id}/messages": {
    aId: true,
    run: (h) => expectNotFound(send(h, "GET", `/api/v1/conversations/${aConversationId}/messages`, { params: { id: aConversationId } })),
  },
  "POST /api/v1/conversations/{id}/messages": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "POST", `/api/v1/conversations/${aConversationId}/messages`, { params: { id: aConversationId }, body: { body: "hi" } }));
      await expectInboxIntact();
    },
  },
  "POST /api/v1/conversations/{id}/notes": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "POST", `/api/v1/conversations/${aConversationId}/notes`, { params: { id: aConversationId }, body: { body: "hi" } }));
      await expectInboxIntact();
    },
  },
  "GET /api/v1/templates": {
    aId: false,
    reason: "lists the caller's templates; A's template as cursor is rejected",
    run: async (h) => {
      expectNoMessagingConfigLeak(await (await send(h, "GET", "/api/v1/templates")).json());
      expect((await send(h, "GET", `/api/v1/templates?starting_after=${aTemplateId}`)).status).toBe(400);
    },
  },
  "POST /api/v1/templates": {
    aId: false,
    reason: "creates in the caller's tenant",
    run: async (h) => {
      const r = await send(h, "POST", "/api/v1/templates", { body: { channel: "sms", name: "B's template", body: "B's own" } });
      expect(r.status).toBe(201);
      expectNoMessagingConfigLeak(await r.json());
      await expectMessagingConfigIntact();
    },
  },
  "GET /api/v1/templates/{templateId}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/templates/${aTemplateId}`, { params: { templateId: aTemplateId } })) },
  "PATCH /api/v1/templates/{templateId}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "PATCH", `/api/v1/templates/${aTemplateId}`, { params: { templateId: aTemplateId }, body: { body: "B's now" } }));
      await expectMessagingConfigIntact();
    },
  },
  "DELETE /api/v1/templates/{templateId}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "DELETE", `/api/v1/templates/${aTemplateId}`, { params: { templateId: aTemplateId } }));
      await expectMessagingConfigIntact();
    },
  },
  "POST /api/v1/templates/{templateId}/render": {
    aId: true,
    run: (h) => expectNotFound(send(h, "POST", `/api/v1/templates/${aTemplateId}/render`, { params: { templateId: aTemplateId }, body: { variables: { code: "1" } } })),
  },
  "GET /api/v1/sending-domains": {
    aId: false,
    reason: "lists the caller's sending domains; A's domain as cursor is rejected",
    run: async (h) => {
      expectNoMessagingConfigLeak(await (await send(h, "GET", "/api/v1/sending-domains")).json());
      expect((await send(h, "GET", `/api/v1/sending-domains?starting_after=${aDomainId}`)).status).toBe(400);
    },
  },
  "POST /api/v1/sending-domains": {
    aId: false,
    reason: "adds to the caller's tenant",
    run: async (h) => {
      const r = await send(h, "POST", "/api/v1/sending-domains", { body: { domain: "b-mail.example.com" } });
      expect(r.status).toBe(201);
      const body = (await r.json()) as { id: string; checks: unknown };
      expect(body.id).not.toBe(aDomainId);
      expect(body.checks).toBeNull();
      await expectMessagingConfigIntact();
    },
  },
  "GET /api/v1/sending-domains/{sendingDomainId}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/sending-domains/${aDomainId}`, { params: { sendingDomainId: aDomainId } })) },
  "POST /api/v1/sending-domains/{sendingDomainId}/verify": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "POST", `/api/v1/sending-domains/${aDomainId}/verify`, { params: { sendingDomainId: aDomainId } }));
      await expectMessagingConfigIntact();
    },
  },
  "DELETE /api/v1/sending-domains/{sendingDomainId}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "DELETE", `/api/v1/sending-domains/${aDomainId}`, { params: { sendingDomainId: aDomainId } }));
      await expectMessagingConfigIntact();
    },
  },
  "POST /api/v1/email-address-validations": {
    aId: false,
    reason: "a lookup of the address given; no tenant data",
    run: async (h) => {
      const r = await send(h, "POST", "/api/v1/email-address-validations", { body: { address: "not an address" } });
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ status: "invalid", reason: "syntax" });
    },
  },
  "GET /api/v1/voicemail-boxes": {
    aId: false,
    reason: "lists the caller's boxes; A's box as cursor is rejected",
    run: async (h) => {
      expectNoVoicemailLeak(await (await send(h, "GET", "/api/v1/voicemail-boxes")).json());
      expect((await send(h, "GET", `/api/v1/voicemail-boxes?starting_after=${aBoxId}`)).status).toBe(400);
    },
  },
  "POST /api/v1/voicemail-boxes": {
    aId: false,
    reason: "creates in the caller's tenant; A's user as the box's owner is refused",
    run: async (h) => {
      const r = await send(h, "POST", "/api/v1/voicemail-boxes", { body: { name: "B's box", user_id: fx.a.userId } });
      expect(r.status).toBe(400);
      expectNoLeak(await r.json());
    },
  },
  "GET /api/v1/voicemail-boxes/{id}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/voicemail-boxes/${aBoxId}`, { params: { id: aBoxId } })) },
  "PATCH /api/v1/voicemail-boxes/{id}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "PATCH", `/api/v1/voicemail-boxes/${aBoxId}`, { params: { id: aBoxId }, body: { name: "B's now" } }));
      await expectVoicemailIntact();
    },
  },
  "DELETE /api/v1/voicemail-boxes/{id}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "DELETE", `/api/v1/voicemail-boxes/${aBoxId}`, { params: { id: aBoxId } }));
      await expectVoicemailIntact();
    },
  },
  "GET /api/v1/recordings/{id}/media": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/recordings/${aRecordingId}/media`, { params: { id: aRecordingId } })) },
  "GET /api/v1/conferences": {
    aId: false,
    reason: "lists the caller's rooms; A's room name finds nothing, A's conference id as cursor is rejected",
    run: async (h) => {
      expectNoLeak(await (await send(h, "GET", "/api/v1/conferences?friendly_name=a-room")).json());
      expect((await send(h, "GET", `/api/v1/conferences?starting_after=${fx.a.conferenceId}`)).status).toBe(400);
    },
  },
  "GET /api/v1/conferences/{conferenceId}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/conferences/${fx.a.conferenceId}`, { params: { conferenceId: fx.a.conferenceId } })) },
  "POST /api/v1/conferences/{conferenceId}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "POST", `/api/v1/conferences/${fx.a.conferenceId}`, { params: { conferenceId: fx.a.conferenceId }, body: { status: "completed" } }));
      expect(await db.conferenceRequest.count({ where: { conferenceId: fx.a.conferenceId } })).toBe(0);
    },
  },
  "GET /api/v1/conferences/{conferenceId}/participants": {
    aId: true,
    run: (h) => expectNotFound(send(h, "GET", `/api/v1/conferences/${fx.a.conferenceId}/participants`, { params: { conferenceId: fx.a.conferenceId } })),
  },
  "POST /api/v1/conferences/{conferenceId}/participants": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "POST", `/api/v1/conferences/${fx.a.conferenceId}/participants`, { params: { conferenceId: fx.a.conferenceId }, body: { to: "+15005550100", from: A_NUMBER } }));
      expect(await db.conferenceParticipant.count({ where: { conferenceId: fx.a.conferenceId } })).toBe(1);
    },
  },
  "GET /api/v1/conferences/{conferenceId}/participants/{callId}": {
    aId: true,
    run: (h) => expectNotFound(send(h, "GET", `/api/v1/conferences/${fx.a.conferenceId}/participants/${fx.a.callId}`, { params: { conferenceId: fx.a.conferenceId, callId: fx.a.callId } })),
  },
  "POST /api/v1/conferences/{conferenceId}/participants/{callId}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "POST", `/api/v1/conferences/${fx.a.conferenceId}/participants/${fx.a.callId}`, { params: { conferenceId: fx.a.conferenceId, callId: fx.a.callId }, body: { muted: true } }));
      expect((await db.conferenceParticipant.findFirstOrThrow({ where: { conferenceId: fx.a.conferenceId } })).muted).toBe(false);
    },
  },
  "DELETE /api/v1/conferences/{conferenceId}/participants/{callId}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "DELETE", `/api/v1/conferences/${fx.a.conferenceId}/participants/${fx.a.callId}`, { params: { conferenceId: fx.a.conferenceId, callId: fx.a.callId } }));
      expect(await db.conferenceRequest.count({ where: { conferenceId: fx.a.conferenceId } })).toBe(0);
    },
  },
  "GET /api/v1/calls": {
    aId: false,
    reason: "lists the caller's calls; A's number as a filter finds nothing, A's call id as cursor is rejected",
    run: async (h) => {
      expectNoLeak(await (await send(h, "GET", "/api/v1/calls")).json());
      expectNoLeak(await (await send(h, "GET", `/api/v1/calls?number=${encodeURIComponent(A_NUMBER)}`)).json());
      expect((await send(h, "GET", `/api/v1/calls?starting_after=${fx.a.callId}`)).status).toBe(400);
    },
  },
  "POST /api/v1/calls": {
    aId: false,
    reason: "places in the caller's account; A's number as `from` is refused (400 on from), a tenant field too",
    run: async (h) => {
      const r = await send(h, "POST", "/api/v1/calls", { body: { to: "+15005550100", from: A_NUMBER, instructions: [{ say: "hi" }] } });
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toEqual(["from"]);
      expect((await send(h, "POST", "/api/v1/calls", { body: { to: "+15005550100", from: A_NUMBER, url: "https://b.example.com/a", tenant_id: fx.a.tenantId } })).status).toBe(400);
      expect(await db.call.count({ where: { tenantId: fx.b.tenantId } })).toBe(0);
    },
  },
  "GET /api/v1/calls/{callId}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/calls/${fx.a.callId}`, { params: { callId: fx.a.callId } })) },
  "POST /api/v1/calls/{callId}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "POST", `/api/v1/calls/${fx.a.callId}`, { params: { callId: fx.a.callId }, body: { status: "canceled" } }));
      expect(await db.call.findUniqueOrThrow({ where: { id: fx.a.callId } })).toMatchObject({ status: "QUEUED", endRequestedAt: null });
    },
  },
  "GET /api/v1/calls/{callId}/events": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/calls/${fx.a.callId}/events`, { params: { callId: fx.a.callId } })) },
  "GET /api/v1/messages": {
    aId: false,
    reason: "lists the caller's messages; A's customer as a filter finds nothing, A's message id as cursor is rejected",
    run: async (h) => {
      expectNoMessageLeak(await (await send(h, "GET", "/api/v1/messages")).json());
      expectNoMessageLeak(await (await send(h, "GET", `/api/v1/messages?to=${encodeURIComponent(A_CUSTOMER)}`)).json());
      expectNoMessageLeak(await (await send(h, "GET", `/api/v1/messages?thread_key=${encodeURIComponent("<a-1@example.org>")}`)).json());
      expect((await send(h, "GET", `/api/v1/messages?starting_after=${aMessageId}`)).status).toBe(400);
    },
  },
  "POST /api/v1/messages": {
    aId: false,
    reason: "sends from the caller's account; A's number as `from` is refused (400 on from), a tenant field too",
    run: async (h) => {
      const r = await send(h, "POST", "/api/v1/messages", { body: { to: A_CUSTOMER, from: A_NUMBER, body: "hi" } });
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toEqual(["from"]);
      expect((await send(h, "POST", "/api/v1/messages", { body: { to: A_CUSTOMER, from: A_NUMBER, body: "hi", tenant_id: fx.a.tenantId } })).status).toBe(400);
      // A's Teams bot, to a conversation A's bot has seen: refused naming from.
      const aBot = await ensureATeamsBot();
      const teams = await send(h, "POST", "/api/v1/messages", { body: { channel: "teams", from: aBot.appId, to: "a:isolation-a", body: "hi" } });
      expect(teams.status).toBe(400);
      expect(((await teams.json()) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toEqual(["from"]);
      expect(await db.message.count({ where: { tenantId: fx.b.tenantId } })).toBe(0);
    },
  },
  "GET /api/v1/messages/{messageId}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/messages/${aMessageId}`, { params: { messageId: aMessageId } })) },
  "GET /api/v1/messages/{messageId}/attachments/{attachmentId}": {
    aId: true,
    run: (h) => expectNotFound(send(h, "GET", `/api/v1/messages/${aEmailId}/attachments/${aAttachmentId}`, { params: { messageId: aEmailId, attachmentId: aAttachmentId } })),
  },
  "GET /api/v1/contacts": {
    aId: false,
    reason: "lists the caller's contacts; A's phone as a search and A's tag find nothing, A's contact as cursor is rejected",
    run: async (h) => {
      expectNoContactLeak(await (await send(h, "GET", "/api/v1/contacts")).json());
      expectNoContactLeak(await (await send(h, "GET", `/api/v1/contacts?search=${encodeURIComponent("+14155550123")}&tag=a-tag`)).json());
      expect((await send(h, "GET", `/api/v1/contacts?starting_after=${aContactId}`)).status).toBe(400);
    },
  },
  "POST /api/v1/contacts": {
    aId: false,
    reason: "creates in the caller's tenant: A's field is unknown to B",
    run: async (h) => {
      const refused = await send(h, "POST", "/api/v1/contacts", { body: { display_name: "B's", custom_fields: { a_only: "x" } } });
      expect(refused.status).toBe(400);
      const r = await send(h, "POST", "/api/v1/contacts", { body: { display_name: "B's customer", identities: [{ kind: "phone", value: "+14155550777" }] } });
      expect(r.status).toBe(201);
      expectNoContactLeak(await r.json());
      await expectContactIntact();
    },
  },
  "GET /api/v1/contacts/{id}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/contacts/${aContactId}`, { params: { id: aContactId } })) },
  "PATCH /api/v1/contacts/{id}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "PATCH", `/api/v1/contacts/${aContactId}`, { params: { id: aContactId }, body: { display_name: "B's now" } }));
      await expectContactIntact();
    },
  },
  "DELETE /api/v1/contacts/{id}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "DELETE", `/api/v1/contacts/${aContactId}`, { params: { id: aContactId } }));
      await expectContactIntact();
    },
  },
  "POST /api/v1/contacts/{id}/identities": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "POST", `/api/v1/contacts/${aContactId}/identities`, { params: { id: aContactId }, body: { kind: "email", value: "b@b.example.com" } }));
      await expectContactIntact();
    },
  },
  "DELETE /api/v1/contacts/{id}/identities/{identity_id}": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "DELETE", `/api/v1/contacts/${aContactId}/identities/${aIdentityId}`, { params: { id: aContactId, identity_id: aIdentityId } }));
      await expectContactIntact();
    },
  },
  "POST /api/v1/contacts/{id}/merge": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "POST", `/api/v1/contacts/${aContactId}/merge`, { params: { id: aContactId }, body: { merged_id: newId("ct") } }));
      // B's own contact as survivor, A's as the one merged in: still not found, nothing moves.
      const mine = (await (await send(h, "POST", "/api/v1/contacts", { body: { display_name: "B's survivor" } })).json()) as { id: string };
      await expectNotFound(send(h, "POST", `/api/v1/contacts/${mine.id}/merge`, { params: { id: mine.id }, body: { merged_id: aContactId } }));
      await expectContactIntact();
    },
  },
  "POST /api/v1/contact-merges/{id}/undo": {
    aId: true,
    run: async (h) => {
      await expectNotFound(send(h, "POST", `/api/v1/contact-merges/${aMergeId}/undo`, { params: { id: aMergeId } }));
      await expectContactIntact();
    },
  },
  "GET /api/v1/contacts/{id}/timeline": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/contacts/${aContactId}/timeline`, { params: { id: aContactId } })) },
  "POST /api/v1/contact-imports": {
    aId: false,
    reason: "imports into the caller's tenant; A's custom field in the mapping is refused",
    run: async (h) => {
      const r = await send(h, "POST", "/api/v1/contact-imports", { body: { csv: "name,x\nB,1\n", mapping: { name: "display_name", x: "field:a_only" } } });
      expect(r.status).toBe(400);
      expectNoLeak(await r.json());
      expect(await db.contactImport.count({ where: { tenantId: fx.b.tenantId } })).toBe(0);
    },
  },
  "GET /api/v1/contact-imports/{id}": { aId: true, run: (h) => expectNotFound(send(h, "GET", `/api/v1/contact-imports/${aImportId}`, { params: { id: aImportId } })) },
  "GET /api/v1/openapi.json": {
    aId: false,
    reason: "public API description; no tenant data",
    run: async (h) => expectNoLeak(await (await h(new Request(`${BASE}/api/v1/openapi.json`))).json()),
  },
};

/** Tenant A's connected WhatsApp number (its token sealed), created once. */
async function ensureAWhatsAppNumber() {
  return db.whatsAppNumber.upsert({
    where: { phoneNumberId: "1000000000000001" },
    create: { id: "wan_isolation_a", tenantId: fx.a.tenantId, phoneNumberId: "1000000000000001", wabaId: "2000000000", e164: "+15550170001", accessTokenCipher: "sealed-a", hint: "AAAA" },
    update: {},
  });
}

/** Tenant A's installed Slack workspace (its token sealed), created once. */
async function ensureASlackWorkspace() {
  return db.slackWorkspace.upsert({
    where: { teamId: "TISOLATIONA" },
    create: { id: "slk_isolation_a", tenantId: fx.a.tenantId, teamId: "TISOLATIONA", teamName: "A's workspace", botUserId: "U0A", botTokenCipher: "sealed-a", hint: "AAAA" },
    update: {},
  });
}

/** Tenant A's connected Telegram bot (its token sealed), created once. */
async function ensureAChatBot() {
  return db.chatBot.upsert({
    where: { channel_externalId: { channel: "TELEGRAM", externalId: "7000000001" } },
    create: { id: "bot_isolation_a", tenantId: fx.a.tenantId, channel: "TELEGRAM", externalId: "7000000001", name: "@a_isolation_bot", tokenCipher: "sealed-a", hint: "AAAA", webhookSecretCipher: "sealed-a" },
    update: {},
  });
}

/** Tenant A's connected Teams bot (its secret sealed) and a conversation it has seen, created once. */
async function ensureATeamsBot() {
  const bot = await db.teamsBot.upsert({
    where: { appId: "0000000a-0000-4000-8000-00000000000a" },
    create: { id: "tmb_isolation_a", tenantId: fx.a.tenantId, appId: "0000000a-0000-4000-8000-00000000000a", name: "A's bot", appTenantId: "botframework.com", clientSecretCipher: "sealed-a", hint: "AAAA" },
    update: {},
  });
  await db.teamsConversation.upsert({
    where: { botId_conversationId: { botId: bot.id, conversationId: "a:isolation-a" } },
    create: { id: "tmc_isolation_a", tenantId: fx.a.tenantId, botId: bot.id, conversationId: "a:isolation-a", serviceUrl: "https://smba.example.test/amer/" },
    update: {},
  });
  return bot;
}

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? routeFiles(path.join(dir, d.name)) : /^route\.tsx?$/.test(d.name) ? [path.join(dir, d.name)] : [],
  );
}

async function servedRestRoutes(folder = "api/v1"): Promise<Map<string, Handler>> {
  const out = new Map<string, Handler>();
  for (const file of routeFiles(path.join(APP_DIR, folder))) {
    const apiPath = `/${path.relative(APP_DIR, path.dirname(file)).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
    // The catch-all 404 and the 405s of methods a route does not serve hold no tenant's data.
    if (apiPath.includes("[...")) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const m of HTTP_METHODS) {
      const handler = mod[m] as (Handler & Record<symbol, unknown>) | undefined;
      if (typeof handler === "function" && !handler[NOT_ALLOWED]) out.set(`${m} ${apiPath}`, handler);
    }
  }
  return out;
}

describe("REST /api/v1 with tenant B's key against tenant A's ids", () => {
  it("covers every route file on disk, and nothing else", async () => {
    const served = [...(await servedRestRoutes()).keys()].sort();
    expect(served.filter((r) => !(r in REST)), "routes without an isolation case").toEqual([]);
    expect(Object.keys(REST).filter((r) => !served.includes(r)), "cases for routes that no longer exist").toEqual([]);
  });

  it("answers not-found for A's objects and never returns A's data", async () => {
    const served = await servedRestRoutes();
    for (const [route, handler] of served) {
      const c = REST[route];
      if (!c) continue;
      await c.run(handler).catch((e: unknown) => {
        throw new Error(`${route}: ${(e as Error).message}`, { cause: e });
      });
    }
  }, 120_000);
});

// ---- Twilio-compatible /2010-04-01 ------------------------------------------------------------------
// Tenant B's key (Bearer works here too) on A's account path, and A's call under B's own account path.

async function twilioAccounts() {
  const [a, b] = await Promise.all([fx.a.tenantId, fx.b.tenantId].map((id) => db.tenant.findUniqueOrThrow({ where: { id } })));
  return { a: a!.accountSid, b: b!.accountSid };
}

function sendTwilio(handler: Handler, method: string, url: string, params: Record<string, string>, form?: Record<string, string>) {
  const req = new Request(`${BASE}${url}`, {
    method,
    headers: { authorization: fx.b.auth, ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return handler(req, { params: Promise.resolve(params) });
}

async function expectTwilioNotFound(res: Promise<Response>) {
  const r = await res;
  const body = (await r.json()) as { code?: number };
  expect(r.status).toBe(404);
  expect(body.code).toBe(20404);
  expectNoLeak(body);
}

const TWILIO: Record<string, (h: Handler) => Promise<void>> = {
  "GET /2010-04-01/Accounts/{accountSid}/Messages.json": async (h) => {
    const { a, b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${a}/Messages.json`, { accountSid: a }));
    expectNoMessageLeak(await (await sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Messages.json?To=${encodeURIComponent(A_CUSTOMER)}`, { accountSid: b })).json());
    expect((await sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Messages.json?Page=1&PageToken=PA${aMessageId}`, { accountSid: b })).status).toBe(400);
  },
  "POST /2010-04-01/Accounts/{accountSid}/Messages.json": async (h) => {
    const { a, b } = await twilioAccounts();
    const form = { To: A_CUSTOMER, From: A_NUMBER, Body: "B via A" };
    await expectTwilioNotFound(sendTwilio(h, "POST", `/2010-04-01/Accounts/${a}/Messages.json`, { accountSid: a }, form));
    const r = await sendTwilio(h, "POST", `/2010-04-01/Accounts/${b}/Messages.json`, { accountSid: b }, form);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { code: number }).code).toBe(21606);
    expect(await db.message.count({ where: { body: "B via A" } })).toBe(0);
  },
  "GET /2010-04-01/Accounts/{accountSid}/Messages/{messageSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Messages/${aMessageId}.json`, { accountSid: b, messageSid: `${aMessageId}.json` }));
  },
  "GET /2010-04-01/Accounts/{accountSid}/Calls.json": async (h) => {
    const { a, b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${a}/Calls.json`, { accountSid: a }));
    expectNoLeak(await (await sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Calls.json?To=%2B15005550100`, { accountSid: b })).json());
    expect((await sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Calls.json?Page=1&PageToken=PA${fx.a.callId}`, { accountSid: b })).status).toBe(400);
  },
  "POST /2010-04-01/Accounts/{accountSid}/Calls.json": async (h) => {
    const { a, b } = await twilioAccounts();
    const form = { To: "+15005550100", From: A_NUMBER, Url: "https://b.example.com/voice" };
    await expectTwilioNotFound(sendTwilio(h, "POST", `/2010-04-01/Accounts/${a}/Calls.json`, { accountSid: a }, form));
    const r = await sendTwilio(h, "POST", `/2010-04-01/Accounts/${b}/Calls.json`, { accountSid: b }, form);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { code: number }).code).toBe(21210);
  },
  "GET /2010-04-01/Accounts/{accountSid}/Calls/{callSid}": async (h) => {
    const { a, b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Calls/${fx.a.callId}.json`, { accountSid: b, callSid: `${fx.a.callId}.json` }));
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${a}/Calls/${fx.a.callId}.json`, { accountSid: a, callSid: `${fx.a.callId}.json` }));
  },
  "POST /2010-04-01/Accounts/{accountSid}/Calls/{callSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "POST", `/2010-04-01/Accounts/${b}/Calls/${fx.a.callId}.json`, { accountSid: b, callSid: `${fx.a.callId}.json` }, { Status: "canceled" }));
    await expectTwilioNotFound(sendTwilio(h, "POST", `/2010-04-01/Accounts/${b}/Calls/${fx.a.callId}.json`, { accountSid: b, callSid: `${fx.a.callId}.json` }, { Twiml: "<Response><Hangup/></Response>" }));
    expect(await db.call.findUniqueOrThrow({ where: { id: fx.a.callId } })).toMatchObject({ status: "QUEUED", endRequestedAt: null, instructions: null });
  },
  "GET /2010-04-01/Accounts/{accountSid}": async (h) => {
    const { a } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${a}.json`, { accountSid: `${a}.json` }));
  },
  "GET /2010-04-01/Accounts/{accountSid}/Recordings.json": async (h) => {
    const { a, b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${a}/Recordings.json`, { accountSid: a }));
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Recordings.json?CallSid=${fx.a.callId}`, { accountSid: b }));
    expectNoLeak(await (await sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Recordings.json`, { accountSid: b })).json());
  },
  "GET /2010-04-01/Accounts/{accountSid}/Queues.json": async (h) => {
    const { a, b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${a}/Queues.json`, { accountSid: a }));
    expect(JSON.stringify(await (await sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Queues.json`, { accountSid: b })).json())).not.toContain(aLineQueueId);
  },
  "POST /2010-04-01/Accounts/{accountSid}/Queues.json": async (h) => {
    const { a, b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "POST", `/2010-04-01/Accounts/${a}/Queues.json`, { accountSid: a }, { FriendlyName: "b-via-a" }));
    // A's queue name is B's to use in B's own account: a queue of B's, A's untouched.
    const r = await sendTwilio(h, "POST", `/2010-04-01/Accounts/${b}/Queues.json`, { accountSid: b }, { FriendlyName: "a-queue" });
    expect(r.status).toBe(201);
    expect(((await r.json()) as { sid: string }).sid).not.toBe(aLineQueueId);
    expect(await db.callQueue.count({ where: { friendlyName: "b-via-a" } })).toBe(0);
  },
  "GET /2010-04-01/Accounts/{accountSid}/Queues/{queueSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Queues/${aLineQueueId}.json`, { accountSid: b, queueSid: `${aLineQueueId}.json` }));
  },
  "POST /2010-04-01/Accounts/{accountSid}/Queues/{queueSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "POST", `/2010-04-01/Accounts/${b}/Queues/${aLineQueueId}.json`, { accountSid: b, queueSid: `${aLineQueueId}.json` }, { FriendlyName: "renamed by B", MaxSize: "1" }));
    expect(await db.callQueue.findUniqueOrThrow({ where: { id: aLineQueueId } })).toMatchObject({ friendlyName: "a-queue", maxSize: 100 });
  },
  "DELETE /2010-04-01/Accounts/{accountSid}/Queues/{queueSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "DELETE", `/2010-04-01/Accounts/${b}/Queues/${aLineQueueId}.json`, { accountSid: b, queueSid: `${aLineQueueId}.json` }));
    expect(await db.callQueue.count({ where: { id: aLineQueueId } })).toBe(1);
  },
  "GET /2010-04-01/Accounts/{accountSid}/Queues/{queueSid}/Members.json": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Queues/${aLineQueueId}/Members.json`, { accountSid: b, queueSid: aLineQueueId }));
  },
  "GET /2010-04-01/Accounts/{accountSid}/Queues/{queueSid}/Members/{callSid}": async (h) => {
    const { b } = await twilioAccounts();
    for (const member of [fx.a.callId, "Front"]) await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Queues/${aLineQueueId}/Members/${member}.json`, { accountSid: b, queueSid: aLineQueueId, callSid: `${member}.json` }));
  },
  "POST /2010-04-01/Accounts/{accountSid}/Queues/{queueSid}/Members/{callSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "POST", `/2010-04-01/Accounts/${b}/Queues/${aLineQueueId}/Members/Front.json`, { accountSid: b, queueSid: aLineQueueId, callSid: "Front.json" }, { Url: "https://b.example.com/x" }));
    expect(await db.queueMember.count({ where: { queueId: aLineQueueId } })).toBe(1);
  },
  "GET /2010-04-01/Accounts/{accountSid}/Conferences.json": async (h) => {
    const { a, b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${a}/Conferences.json`, { accountSid: a }));
    expectNoLeak(await (await sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Conferences.json?FriendlyName=a-room`, { accountSid: b })).json());
  },
  "GET /2010-04-01/Accounts/{accountSid}/Conferences/{conferenceSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Conferences/${fx.a.conferenceId}.json`, { accountSid: b, conferenceSid: `${fx.a.conferenceId}.json` }));
  },
  "POST /2010-04-01/Accounts/{accountSid}/Conferences/{conferenceSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "POST", `/2010-04-01/Accounts/${b}/Conferences/${fx.a.conferenceId}.json`, { accountSid: b, conferenceSid: `${fx.a.conferenceId}.json` }, { Status: "completed" }));
    expect((await db.conference.findUniqueOrThrow({ where: { id: fx.a.conferenceId } })).reasonEnded).toBeNull();
  },
  "GET /2010-04-01/Accounts/{accountSid}/Conferences/{conferenceSid}/Participants.json": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Conferences/${fx.a.conferenceId}/Participants.json`, { accountSid: b, conferenceSid: fx.a.conferenceId }));
  },
  "POST /2010-04-01/Accounts/{accountSid}/Conferences/{conferenceSid}/Participants.json": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "POST", `/2010-04-01/Accounts/${b}/Conferences/${fx.a.conferenceId}/Participants.json`, { accountSid: b, conferenceSid: fx.a.conferenceId }, { To: "+15005550100", From: A_NUMBER }));
  },
  "GET /2010-04-01/Accounts/{accountSid}/Conferences/{conferenceSid}/Participants/{callSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Conferences/${fx.a.conferenceId}/Participants/${fx.a.callId}.json`, { accountSid: b, conferenceSid: fx.a.conferenceId, callSid: `${fx.a.callId}.json` }));
  },
  "POST /2010-04-01/Accounts/{accountSid}/Conferences/{conferenceSid}/Participants/{callSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "POST", `/2010-04-01/Accounts/${b}/Conferences/${fx.a.conferenceId}/Participants/${fx.a.callId}.json`, { accountSid: b, conferenceSid: fx.a.conferenceId, callSid: `${fx.a.callId}.json` }, { Muted: "true" }));
    expect((await db.conferenceParticipant.findFirstOrThrow({ where: { conferenceId: fx.a.conferenceId } })).muted).toBe(false);
  },
  "DELETE /2010-04-01/Accounts/{accountSid}/Conferences/{conferenceSid}/Participants/{callSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "DELETE", `/2010-04-01/Accounts/${b}/Conferences/${fx.a.conferenceId}/Participants/${fx.a.callId}.json`, { accountSid: b, conferenceSid: fx.a.conferenceId, callSid: `${fx.a.callId}.json` }));
    expect(await db.conferenceRequest.count({ where: { conferenceId: fx.a.conferenceId } })).toBe(0);
  },
  "GET /2010-04-01/Accounts/{accountSid}/Calls/{callSid}/Recordings.json": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Calls/${fx.a.callId}/Recordings.json`, { accountSid: b, callSid: fx.a.callId }));
  },
  "GET /2010-04-01/Accounts/{accountSid}/Recordings/{recordingSid}": async (h) => {
    const { b } = await twilioAccounts();
    for (const suffix of [".json", ".wav", ""]) {
      await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/Recordings/${aRecordingId}${suffix}`, { accountSid: b, recordingSid: `${aRecordingId}${suffix}` }));
    }
  },
  "DELETE /2010-04-01/Accounts/{accountSid}/Recordings/{recordingSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "DELETE", `/2010-04-01/Accounts/${b}/Recordings/${aRecordingId}.json`, { accountSid: b, recordingSid: `${aRecordingId}.json` }));
    expect((await db.recording.findUniqueOrThrow({ where: { id: aRecordingId } })).deletedAt).toBeNull();
  },
  "GET /2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers.json": async (h) => {
    const { a, b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${a}/IncomingPhoneNumbers.json`, { accountSid: a }));
    expectNoLeak(await (await sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(A_NUMBER)}`, { accountSid: b })).json());
  },
  "GET /2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/{numberSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/IncomingPhoneNumbers/${fx.a.phoneNumberId}.json`, { accountSid: b, numberSid: `${fx.a.phoneNumberId}.json` }));
  },
  "POST /2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/{numberSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(
      sendTwilio(h, "POST", `/2010-04-01/Accounts/${b}/IncomingPhoneNumbers/${fx.a.phoneNumberId}.json`, { accountSid: b, numberSid: `${fx.a.phoneNumberId}.json` }, { VoiceUrl: "https://b.example.com/v" }),
    );
    expect((await db.phoneNumber.findUniqueOrThrow({ where: { id: fx.a.phoneNumberId } })).voiceUrl).not.toBe("https://b.example.com/v");
  },
  "DELETE /2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/{numberSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "DELETE", `/2010-04-01/Accounts/${b}/IncomingPhoneNumbers/${fx.a.phoneNumberId}.json`, { accountSid: b, numberSid: `${fx.a.phoneNumberId}.json` }));
    expect(await db.phoneNumber.count({ where: { id: fx.a.phoneNumberId } })).toBe(1);
  },
  "POST /2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers.json": async (h) => {
    const { a, b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "POST", `/2010-04-01/Accounts/${a}/IncomingPhoneNumbers.json`, { accountSid: a }, { PhoneNumber: "+14155550166" }));
    // A's DID: "not available", as any unsellable number, naming no one.
    const r = await sendTwilio(h, "POST", `/2010-04-01/Accounts/${b}/IncomingPhoneNumbers.json`, { accountSid: b }, { PhoneNumber: A_NUMBER });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { code: number };
    expect(body.code).toBe(21422);
    expectNoLeak(body);
    expect((await db.phoneNumber.findUniqueOrThrow({ where: { e164: A_NUMBER } })).tenantId).toBe(fx.a.tenantId);
  },
  "GET /2010-04-01/Accounts/{accountSid}/OutgoingCallerIds.json": async (h) => {
    const { a, b } = await twilioAccounts();
    await db.callerId.update({ where: { id: fx.a.callerIdId }, data: { verifiedAt: new Date() } });
    try {
      await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${a}/OutgoingCallerIds.json`, { accountSid: a }));
      expectNoLeak(await (await sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/OutgoingCallerIds.json?PhoneNumber=%2B14155550188`, { accountSid: b })).json());
    } finally {
      await db.callerId.update({ where: { id: fx.a.callerIdId }, data: { verifiedAt: null } });
    }
  },
  "GET /2010-04-01/Accounts/{accountSid}/OutgoingCallerIds/{callerIdSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/OutgoingCallerIds/${fx.a.callerIdId}.json`, { accountSid: b, callerIdSid: `${fx.a.callerIdId}.json` }));
  },
  "POST /2010-04-01/Accounts/{accountSid}/OutgoingCallerIds/{callerIdSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "POST", `/2010-04-01/Accounts/${b}/OutgoingCallerIds/${fx.a.callerIdId}.json`, { accountSid: b, callerIdSid: `${fx.a.callerIdId}.json` }, { FriendlyName: "B's now" }));
    expect((await db.callerId.findUniqueOrThrow({ where: { id: fx.a.callerIdId } })).friendlyName).not.toBe("B's now");
  },
  "DELETE /2010-04-01/Accounts/{accountSid}/OutgoingCallerIds/{callerIdSid}": async (h) => {
    const { b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "DELETE", `/2010-04-01/Accounts/${b}/OutgoingCallerIds/${fx.a.callerIdId}.json`, { accountSid: b, callerIdSid: `${fx.a.callerIdId}.json` }));
    expect(await db.callerId.count({ where: { id: fx.a.callerIdId } })).toBe(1);
  },
  "GET /2010-04-01/Accounts/{accountSid}/AvailablePhoneNumbers/{countryCode}/{numberType}": async (h) => {
    const { a, b } = await twilioAccounts();
    await expectTwilioNotFound(sendTwilio(h, "GET", `/2010-04-01/Accounts/${a}/AvailablePhoneNumbers/US/Local.json`, { accountSid: a, countryCode: "US", numberType: "Local.json" }));
    const r = await sendTwilio(h, "GET", `/2010-04-01/Accounts/${b}/AvailablePhoneNumbers/US/Local.json?AreaCode=415&PageSize=50`, { accountSid: b, countryCode: "US", numberType: "Local.json" });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { available_phone_numbers: { phone_number: string }[] };
    expect(body.available_phone_numbers.map((n) => n.phone_number)).not.toContain(A_NUMBER);
    expectNoLeak(body);
  },
};

describe("Twilio-compatible /2010-04-01 with tenant B's key against tenant A's account and calls", () => {
  it("covers every route file on disk, and nothing else", async () => {
    const served = [...(await servedRestRoutes("2010-04-01")).keys()].sort();
    expect(served.filter((r) => !(r in TWILIO)), "routes without an isolation case").toEqual([]);
    expect(Object.keys(TWILIO).filter((r) => !served.includes(r)), "cases for routes that no longer exist").toEqual([]);
  });

  it("answers 20404 for A's account and calls and never returns A's data", async () => {
    for (const [route, handler] of await servedRestRoutes("2010-04-01")) {
      await TWILIO[route]?.(handler).catch((e: unknown) => {
        throw new Error(`${route}: ${(e as Error).message}`, { cause: e });
      });
    }
  });
});

// ---- tRPC ---------------------------------------------------------------------------------------------

type Caller = ReturnType<typeof createCaller>;
type TrpcCase = { aId: true; run: (c: Caller) => Promise<unknown> } | { aId: false; reason: string; run?: (c: Caller) => Promise<unknown> };

async function expectTrpcCode(call: Promise<unknown>, code: TRPCError["code"]) {
  const err = await call.then(
    (v) => new Error(`resolved instead of ${code}: ${JSON.stringify(v)}`),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  expect((err as TRPCError).code, (err as Error).message).toBe(code);
}
const notFound = (call: Promise<unknown>) => expectTrpcCode(call, "NOT_FOUND");

/** Tenant A's own speech provider keys (Settings → Speech), sealed as the use-case stores them. */
async function giveASpeechKeys() {
  const { sealSecret } = await import("@/server/crypto/secret-box");
  for (const provider of ["openai", "deepgram", "elevenlabs"]) {
    await db.tenantSpeechCredential.upsert({
      where: { tenantId_provider: { tenantId: fx.a.tenantId, provider } },
      create: { tenantId: fx.a.tenantId, provider, secretCipher: sealSecret(`a-${provider}-key-AAAA`), hint: "AAAA" },
      update: {},
    });
  }
}

const TRPC: Record<string, TrpcCase> = {
  "auth.me": { aId: false, reason: "the signed-in user themself", run: async (c) => expectNoLeak(await c.auth.me()) },
  "auth.signUp": { aId: false, reason: "public sign-up creates a new tenant" },
  "auth.verifyEmail": { aId: false, reason: "addressed by a secret emailed token, not an id" },
  "auth.resendVerification": { aId: false, reason: "acts on the signed-in user only" },
  "auth.requestPasswordReset": { aId: false, reason: "addressed by email; answers the same for any address" },
  "auth.resetPassword": { aId: false, reason: "addressed by a secret emailed token, not an id" },
  "auth.getInvitation": { aId: false, reason: "addressed by a secret invitation token, not an id" },
  "auth.acceptInvitation": { aId: false, reason: "addressed by a secret invitation token, not an id" },
  "tenant.list": { aId: false, reason: "the user's own memberships", run: async (c) => expectNoLeak(await c.tenant.list()) },
  "tenant.current": {
    aId: false,
    reason: "the tenant of the session; a hint naming A falls back to B",
    run: async () => {
      expectNoLeak(await fx.b.caller.tenant.current());
      expectNoLeak(await fx.b.callerWithAHint.tenant.current());
    },
  },
  "tenant.switch": { aId: true, run: (c) => notFound(c.tenant.switch({ tenantId: fx.a.tenantId })) },
  "tenant.rename": {
    aId: false,
    reason: "renames the session's tenant; with A as the hint it renames B, never A",
    run: async () => {
      await fx.b.callerWithAHint.tenant.rename({ name: "Tenant B renamed" });
      expect((await db.tenant.findUniqueOrThrow({ where: { id: fx.a.tenantId } })).name).toBe("Tenant A");
    },
  },
  "tenant.featureFlags": {
    aId: false,
    reason: "the session's tenant's answers; an override for A changes nothing for B",
    run: async (c) => {
      await db.featureFlag.upsert({ where: { key: "isolation_probe" }, create: { key: "isolation_probe", enabled: false }, update: { enabled: false } });
      await db.featureFlagOverride.upsert({ where: { flagKey_tenantId: { flagKey: "isolation_probe", tenantId: fx.a.tenantId } }, create: { flagKey: "isolation_probe", tenantId: fx.a.tenantId, enabled: true }, update: { enabled: true } });
      const flags = await c.tenant.featureFlags();
      expect(flags.isolation_probe).toBe(false);
      expectNoLeak(flags);
    },
  },
  "tenant.onboardingChecklist": { aId: false, reason: "the session's tenant", run: async (c) => expectNoLeak(await c.tenant.onboardingChecklist()) },
  "account.twilioAccount": {
    aId: false,
    reason: "the session's tenant; a hint naming A still shows B's Account SID",
    run: async () => {
      const a = await db.tenant.findUniqueOrThrow({ where: { id: fx.a.tenantId } });
      const shown = await fx.b.callerWithAHint.account.twilioAccount();
      expect(shown.accountSid).not.toBe(a.accountSid);
    },
  },
  "account.revealAuthToken": {
    aId: false,
    reason: "reveals the session's tenant's token; with A as the hint it is B's, and A gets none created",
    run: async () => {
      const shown = await fx.b.callerWithAHint.account.revealAuthToken();
      const a = await db.tenant.findUniqueOrThrow({ where: { id: fx.a.tenantId } });
      expect(shown.accountSid).not.toBe(a.accountSid);
      expect(a.authTokenCipher).toBeNull();
    },
  },
  "account.rotateAuthToken": {
    aId: false,
    reason: "rotates the session's tenant's token; with A as the hint it rotates B's, never A's",
    run: async () => {
      const rotated = await fx.b.callerWithAHint.account.rotateAuthToken();
      const a = await db.tenant.findUniqueOrThrow({ where: { id: fx.a.tenantId } });
      expect(rotated.accountSid).not.toBe(a.accountSid);
      expect(a.authTokenCipher).toBeNull();
    },
  },
  "team.members": { aId: false, reason: "the session's tenant", run: async () => expectNoLeak(await fx.b.callerWithAHint.team.members()) },
  "team.changeRole": { aId: true, run: (c) => notFound(c.team.changeRole({ membershipId: fx.a.membershipId, role: "AGENT" })) },
  "team.remove": { aId: true, run: (c) => notFound(c.team.remove({ membershipId: fx.a.membershipId })) },
  "team.invitations": { aId: false, reason: "the session's tenant", run: async (c) => expectNoLeak(await c.team.invitations()) },
  "team.invite": { aId: false, reason: "creates in the session's tenant" },
  "team.revokeInvitation": { aId: true, run: (c) => notFound(c.team.revokeInvitation({ invitationId: fx.a.invitationId })) },
  "audit.find": {
    aId: false,
    reason: "the session's tenant; a cursor from A only orders B's rows",
    run: async (c) => {
      expectNoLeak(await c.audit.find({}));
      expectNoLeak(await c.audit.find({ cursor: fx.a.auditId }));
    },
  },
  "apiKeys.scopes": { aId: false, reason: "static list of scopes" },
  "apiKeys.list": {
    aId: false,
    reason: "the session's tenant; A's key as cursor is rejected",
    run: async (c) => {
      expectNoLeak(await c.apiKeys.list({}));
      await expectTrpcCode(c.apiKeys.list({ cursor: fx.a.apiKeyId }), "BAD_REQUEST");
    },
  },
  "apiKeys.create": { aId: false, reason: "creates in the session's tenant" },
  "apiKeys.revoke": { aId: true, run: (c) => notFound(c.apiKeys.revoke({ id: fx.a.apiKeyId })) },
  "webhooks.eventTypes": { aId: false, reason: "static catalogue of event types" },
  "webhooks.engineStatus": { aId: false, reason: "the session's tenant's own backlog", run: async (c) => expectNoLeak(await c.webhooks.engineStatus()) },
  "webhooks.list": { aId: false, reason: "the session's tenant", run: async (c) => expectNoLeak(await c.webhooks.list({})) },
  "webhooks.get": { aId: true, run: (c) => notFound(c.webhooks.get({ id: fx.a.endpointId })) },
  "webhooks.create": { aId: false, reason: "creates in the session's tenant" },
  "webhooks.update": { aId: true, run: (c) => notFound(c.webhooks.update({ id: fx.a.endpointId, enabled: false })) },
  "webhooks.delete": { aId: true, run: (c) => notFound(c.webhooks.delete({ id: fx.a.endpointId })) },
  "webhooks.revealSecret": { aId: true, run: (c) => notFound(c.webhooks.revealSecret({ id: fx.a.endpointId })) },
  "webhooks.rotateSecret": { aId: true, run: (c) => notFound(c.webhooks.rotateSecret({ id: fx.a.endpointId })) },
  "webhooks.sendTest": { aId: true, run: (c) => notFound(c.webhooks.sendTest({ id: fx.a.endpointId })) },
  "webhooks.deliveries": { aId: true, run: (c) => notFound(c.webhooks.deliveries({ endpointId: fx.a.endpointId })) },
  "webhooks.deliveryStats": { aId: true, run: (c) => notFound(c.webhooks.deliveryStats({ endpointId: fx.a.endpointId })) },
  "webhooks.redeliver": { aId: true, run: (c) => notFound(c.webhooks.redeliver({ deliveryId: fx.a.deliveryId })) },
  "sipUsers.list": {
    aId: false,
    reason: "the session's tenant; a cursor from A only orders B's rows",
    run: async (c) => {
      expectNoLeak(await c.sipUsers.list({}));
      expectNoLeak(await c.sipUsers.list({ cursor: fx.a.sipUserId }));
    },
  },
  "sipUsers.create": { aId: false, reason: "creates in the session's tenant and its SIP domain" },
  "sipUsers.update": { aId: true, run: (c) => notFound(c.sipUsers.update({ id: fx.a.sipUserId, enabled: false })) },
  "sipUsers.delete": { aId: true, run: (c) => notFound(c.sipUsers.delete({ id: fx.a.sipUserId })) },
  "sipUsers.revealPassword": { aId: true, run: (c) => notFound(c.sipUsers.revealPassword({ id: fx.a.sipUserId })) },
  "numbers.list": {
    aId: false,
    reason: "the session's tenant; A's number as cursor is rejected",
    run: async (c) => {
      expectNoLeak(await c.numbers.list({ search: "4155550199" }));
      await expectTrpcCode(c.numbers.list({ cursor: fx.a.phoneNumberId }), "BAD_REQUEST");
    },
  },
  "flows.list": {
    aId: false,
    reason: "the session's tenant; A's flow as cursor is rejected",
    run: async (c) => {
      expectNoLeak(await c.flows.list({}));
      await expectTrpcCode(c.flows.list({ cursor: fx.a.flowId }), "BAD_REQUEST");
    },
  },
  "flows.get": { aId: true, run: (c) => notFound(c.flows.get({ id: fx.a.flowId })) },
  "flows.versions": { aId: true, run: (c) => notFound(c.flows.versions({ id: fx.a.flowId })) },
  "flows.version": { aId: true, run: (c) => notFound(c.flows.version({ flowId: fx.a.flowId, versionId: fx.a.flowVersionId })) },
  "flows.create": { aId: false, reason: "creates in the session's tenant", run: async (c) => expectNoLeak(await c.flows.create({ name: "B's flow" })) },
  "flows.saveDraft": { aId: true, run: (c) => notFound(c.flows.saveDraft({ id: fx.a.flowId, graph: { nodes: [], edges: [] } })) },
  "flows.publish": { aId: true, run: (c) => notFound(c.flows.publish({ id: fx.a.flowId })) },
  "flows.assignNumbers": {
    aId: true,
    run: async (c) => {
      await notFound(c.flows.assignNumbers({ flowId: fx.a.flowId, phoneNumberIds: [] }));
      const own = await c.flows.create({ name: "B's own" });
      await notFound(c.flows.assignNumbers({ flowId: own.id, phoneNumberIds: [fx.a.phoneNumberId] }));
      expect((await db.phoneNumber.findUniqueOrThrow({ where: { id: fx.a.phoneNumberId } })).voiceFlowId).toBe(fx.a.flowId);
    },
  },
  "flows.startTrial": { aId: true, run: (c) => notFound(c.flows.startTrial({ flowId: fx.a.flowId })) },
  "flows.advanceTrial": { aId: true, run: (c) => notFound(c.flows.advanceTrial({ flowId: fx.a.flowId, token: "v1.x.y.z", input: { kind: "timeout" } })) },
  "numbers.get": { aId: true, run: (c) => notFound(c.numbers.get({ id: fx.a.phoneNumberId })) },
  "numbers.purchase": { aId: false, reason: "buys in the session's tenant; A's DID is refused as unavailable", run: (c) => expectTrpcCode(c.numbers.purchase({ phoneNumber: A_NUMBER }), "CONFLICT") },
  "numbers.searchAvailable": {
    aId: false,
    reason: "the provider's stock; numbers any account holds are left out",
    run: async (c) => {
      const found = await c.numbers.searchAvailable({ areaCode: "415", limit: 50 });
      expect(found.numbers.map((n) => n.phoneNumber)).not.toContain(A_NUMBER);
      expectNoLeak(found);
    },
  },
  "callerIds.list": { aId: false, reason: "lists the session's tenant's caller IDs", run: async (c) => expectNoLeak(await c.callerIds.list({})) },
  "callerIds.get": { aId: true, run: (c) => notFound(c.callerIds.get({ id: fx.a.callerIdId })) },
  "callerIds.startVerification": { aId: false, reason: "verifies in the session's tenant; A's DID is unavailable", run: (c) => expectTrpcCode(c.callerIds.startVerification({ phoneNumber: A_NUMBER }), "CONFLICT") },
  "callerIds.verify": { aId: true, run: (c) => notFound(c.callerIds.verify({ id: fx.a.callerIdId, code: "123456" })) },
  "callerIds.delete": { aId: true, run: (c) => notFound(c.callerIds.delete({ id: fx.a.callerIdId })) },
  "numbers.update": { aId: true, run: (c) => notFound(c.numbers.update({ id: fx.a.phoneNumberId, friendlyName: "B's now" })) },
  "numbers.release": { aId: true, run: (c) => notFound(c.numbers.release({ id: fx.a.phoneNumberId })) },
  "conferences.list": {
    aId: false,
    reason: "the session's tenant; A's room name finds nothing, A's conference id as cursor is rejected",
    run: async (c) => {
      expect((await c.conferences.list({ friendlyName: "a-room" })).items).toEqual([]);
      await expectTrpcCode(c.conferences.list({ cursor: fx.a.conferenceId }), "BAD_REQUEST");
    },
  },
  "conferences.get": { aId: true, run: (c) => notFound(c.conferences.get({ conferenceId: fx.a.conferenceId })) },
  "conferences.participants": { aId: true, run: (c) => notFound(c.conferences.participants({ conferenceId: fx.a.conferenceId })) },
  "conferences.end": { aId: true, run: (c) => notFound(c.conferences.end({ conferenceId: fx.a.conferenceId })) },
  "conferences.updateParticipant": { aId: true, run: (c) => notFound(c.conferences.updateParticipant({ conferenceId: fx.a.conferenceId, callId: fx.a.callId, muted: true })) },
  "conferences.removeParticipant": { aId: true, run: (c) => notFound(c.conferences.removeParticipant({ conferenceId: fx.a.conferenceId, callId: fx.a.callId })) },
  "calls.list": {
    aId: false,
    reason: "the session's tenant; A's call as cursor is rejected, A's number as a filter finds nothing",
    run: async (c) => {
      expect((await c.calls.list({ number: A_NUMBER })).items).toEqual([]);
      await expectTrpcCode(c.calls.list({ cursor: fx.a.callId }), "BAD_REQUEST");
    },
  },
  "calls.get": { aId: true, run: (c) => notFound(c.calls.get({ callId: fx.a.callId })) },
  "calls.events": { aId: true, run: (c) => notFound(c.calls.events({ callId: fx.a.callId })) },
  "calls.recordings": { aId: true, run: (c) => notFound(c.calls.recordings({ callId: fx.a.callId })) },
  "calls.webhookDeliveries": { aId: true, run: (c) => notFound(c.calls.webhookDeliveries({ callId: fx.a.callId })) },
  "calls.create": {
    aId: false,
    reason: "places a call from the session's tenant; A's number as caller id is refused",
    run: (c) => expectTrpcCode(c.calls.create({ from: A_NUMBER, to: "+15005550100", instructions: [{ say: "hi" }] }), "BAD_REQUEST"),
  },
  "calls.update": { aId: true, run: (c) => notFound(c.calls.update({ callId: fx.a.callId, status: "canceled" })) },
  "calls.onChange": { aId: true, run: (c) => notFound(c.calls.onChange({ callId: fx.a.callId })) },
  "calls.settings": { aId: false, reason: "the session's tenant", run: async () => expectNoLeak(await fx.b.callerWithAHint.calls.settings()) },
  "calls.setMaxQueueSeconds": {
    aId: false,
    reason: "sets the session's tenant; with A as the hint it sets B's, never A's",
    run: async () => {
      await fx.b.callerWithAHint.calls.setMaxQueueSeconds({ maxQueueSeconds: 15 });
      expect((await db.tenant.findUniqueOrThrow({ where: { id: fx.a.tenantId } })).maxQueueSeconds).toBe(60);
      expect((await db.tenant.findUniqueOrThrow({ where: { id: fx.b.tenantId } })).maxQueueSeconds).toBe(15);
    },
  },
  "recordings.list": {
    aId: false,
    reason: "the session's tenant; A's call as a filter finds nothing, A's recording as cursor is rejected",
    run: async (c) => {
      const page = await c.recordings.list({ callId: fx.a.callId });
      expect(page.items).toEqual([]);
      await expectTrpcCode(c.recordings.list({ cursor: aRecordingId }), "BAD_REQUEST");
    },
  },
  "recordings.get": { aId: true, run: (c) => notFound(c.recordings.get({ id: aRecordingId })) },
  "recordings.delete": {
    aId: true,
    run: async (c) => {
      await notFound(c.recordings.delete({ id: aRecordingId }));
      await expectRecordingIntact();
    },
  },
  "recordings.settings": { aId: false, reason: "the session's tenant", run: async () => expectNoLeak(await fx.b.callerWithAHint.recordings.settings()) },
  "recordings.setRetention": {
    aId: false,
    reason: "sets the session's tenant; with A as the hint it sets B's, never A's",
    run: async () => {
      await fx.b.callerWithAHint.recordings.setRetention({ days: 7 });
      expect((await db.tenant.findUniqueOrThrow({ where: { id: fx.a.tenantId } })).recordingRetentionDays).toBeNull();
      expect((await db.tenant.findUniqueOrThrow({ where: { id: fx.b.tenantId } })).recordingRetentionDays).toBe(7);
    },
  },
  "speech.settings": {
    aId: false,
    reason: "the session's tenant; A's own keys are not B's",
    run: async () => {
      await giveASpeechKeys();
      const shown = await fx.b.callerWithAHint.speech.settings();
      expectNoLeak(shown);
      expect(shown.providers.filter((p) => p.ownKey?.hint === "AAAA")).toEqual([]);
    },
  },
  "speech.update": {
    aId: false,
    reason: "sets the session's tenant; with A as the hint it sets B's, never A's",
    run: async () => {
      await fx.b.callerWithAHint.speech.update({ defaultVoice: "Polly.Joanna", sttProvider: "deepgram" });
      expect(await db.tenantSpeechSettings.findUnique({ where: { tenantId: fx.a.tenantId } })).toBeNull();
      expect(await db.tenantSpeechSettings.findUniqueOrThrow({ where: { tenantId: fx.b.tenantId } })).toMatchObject({ defaultVoice: "Polly.Joanna" });
    },
  },
  "speech.setKey": {
    aId: false,
    reason: "stores the session's tenant's key; A's key for the provider stays A's",
    run: async () => {
      await giveASpeechKeys();
      await fx.b.callerWithAHint.speech.setKey({ provider: "openai", apiKey: "sk-b-own-key-9999" });
      expect(await db.tenantSpeechCredential.findUniqueOrThrow({ where: { tenantId_provider: { tenantId: fx.a.tenantId, provider: "openai" } } })).toMatchObject({ hint: "AAAA" });
    },
  },
  "speech.removeKey": {
    aId: false,
    reason: "addressed by provider within the session's tenant: A's key is not found for B and stays",
    run: async () => {
      await giveASpeechKeys();
      await notFound(fx.b.callerWithAHint.speech.removeKey({ provider: "deepgram" }));
      expect(await db.tenantSpeechCredential.count({ where: { tenantId: fx.a.tenantId, provider: "deepgram" } })).toBe(1);
    },
  },
  "speech.preview": {
    aId: false,
    reason: "synthesizes with the session's tenant's keys: A's key is never used for B",
    run: async () => {
      await giveASpeechKeys();
      const call = fx.b.callerWithAHint.speech.preview({ voice: "elevenlabs.abc123" });
      await expectTrpcCode(call, "UNPROCESSABLE_CONTENT");
      await expect(call).rejects.toThrow(/has no key on this platform or account/);
    },
  },
  "debugger.list": {
    aId: false,
    reason: "the session's tenant's errors; A's call as a filter finds nothing, A's error as cursor is rejected",
    run: async (c) => {
      expect((await c.debugger.list({ callId: fx.a.callId })).items).toEqual([]);
      expectNoVoicemailLeak(await c.debugger.list({}));
      await expectTrpcCode(c.debugger.list({ cursor: aErrorId }), "BAD_REQUEST");
    },
  },
  "debugger.perHour": {
    aId: false,
    reason: "the session's tenant's counts; A's call as a filter counts nothing",
    run: async (c) => expect((await c.debugger.perHour({ callId: fx.a.callId })).every((h) => h.errors === 0)).toBe(true),
  },
  "debugger.errorCodes": { aId: false, reason: "static table of Twilio's error codes" },
  "templates.list": {
    aId: false,
    reason: "the session's tenant's templates; A's template as cursor is rejected",
    run: async (c) => {
      expectNoMessagingConfigLeak(await c.templates.list({}));
      await expectTrpcCode(c.templates.list({ cursor: aTemplateId }), "BAD_REQUEST");
    },
  },
  "templates.get": { aId: true, run: (c) => notFound(c.templates.get({ id: aTemplateId })) },
  "templates.create": {
    aId: false,
    reason: "creates in the session's tenant",
    run: async (c) => {
      expectNoMessagingConfigLeak(await c.templates.create({ channel: "EMAIL", name: "B's template", subject: "B's", text: "B's own" }));
      await expectMessagingConfigIntact();
    },
  },
  "templates.update": {
    aId: true,
    run: async (c) => {
      await notFound(c.templates.update({ id: aTemplateId, template: { channel: "SMS", name: "x", body: "B's now" } }));
      await expectMessagingConfigIntact();
    },
  },
  "templates.delete": {
    aId: true,
    run: async (c) => {
      await notFound(c.templates.delete({ id: aTemplateId }));
      await expectMessagingConfigIntact();
    },
  },
  "templates.syncWhatsApp": {
    aId: false,
    reason: "syncs the session's tenant's registry from its own WhatsApp numbers; B has none, so nothing is read (A's WABA least of all)",
    run: async (c) => {
      await expectTrpcCode(c.templates.syncWhatsApp(), "BAD_REQUEST");
      await expectMessagingConfigIntact();
    },
  },
  "automation.list": { aId: false, reason: "the session's tenant's rules", run: async (c) => expectNoMessagingConfigLeak(await c.automation.list()) },
  "automation.runs": {
    aId: true,
    run: async (c) => {
      expectNoMessagingConfigLeak(await c.automation.runs({}));
      await notFound(c.automation.runs({ ruleId: aRuleId }));
    },
  },
  "automation.create": {
    aId: false,
    reason: "creates in the session's tenant",
    run: async (c) => {
      expectNoMessagingConfigLeak(await c.automation.create({ name: "B's rule", conditions: [{ kind: "channel", channels: ["sms"] }], actions: [{ kind: "tag_contact", tag: "b" }] }));
      expect((await db.automationRule.findUniqueOrThrow({ where: { id: aRuleId } })).position).toBe(0);
    },
  },
  "automation.update": {
    aId: true,
    run: async (c) => {
      await notFound(c.automation.update({ ruleId: aRuleId, enabled: false }));
      expect((await db.automationRule.findUniqueOrThrow({ where: { id: aRuleId } })).enabled).toBe(true);
    },
  },
  "automation.delete": {
    aId: true,
    run: async (c) => {
      await notFound(c.automation.delete({ ruleId: aRuleId }));
      expect(await db.automationRule.count({ where: { id: aRuleId } })).toBe(1);
    },
  },
  "templates.preview": { aId: true, run: (c) => notFound(c.templates.preview({ id: aTemplateId, variables: { code: "1" } })) },
  "sendingDomains.list": {
    aId: false,
    reason: "the session's tenant's domains; A's domain as cursor is rejected",
    run: async (c) => {
      expectNoMessagingConfigLeak(await c.sendingDomains.list({}));
      await expectTrpcCode(c.sendingDomains.list({ cursor: aDomainId }), "BAD_REQUEST");
    },
  },
  "sendingDomains.get": { aId: true, run: (c) => notFound(c.sendingDomains.get({ id: aDomainId })) },
  "sendingDomains.create": {
    aId: false,
    reason: "adds to the session's tenant",
    run: async (c) => {
      const d = await c.sendingDomains.create({ domain: "b-trpc.example.com" });
      expect(d.id).not.toBe(aDomainId);
      await expectMessagingConfigIntact();
    },
  },
  "sendingDomains.verify": {
    aId: true,
    run: async (c) => {
      await notFound(c.sendingDomains.verify({ id: aDomainId }));
      await expectMessagingConfigIntact();
    },
  },
  "sendingDomains.delete": {
    aId: true,
    run: async (c) => {
      await notFound(c.sendingDomains.delete({ id: aDomainId }));
      await expectMessagingConfigIntact();
    },
  },
  "sendingDomains.validateAddress": {
    aId: false,
    reason: "a lookup of the address given; no tenant data",
    run: async (c) => expect(await c.sendingDomains.validateAddress({ address: "no-at-sign" })).toMatchObject({ status: "invalid", reason: "syntax" }),
  },
  "messages.list": {
    aId: false,
    reason: "the caller's messages; A's customer as a filter finds nothing, A's id as cursor is rejected",
    run: async (c) => {
      expectNoMessageLeak(await c.messages.list({}));
      expect((await c.messages.list({ address: A_CUSTOMER })).items).toEqual([]);
      await expectTrpcCode(c.messages.list({ cursor: aMessageId }), "BAD_REQUEST");
    },
  },
  "messages.get": { aId: true, run: (c) => notFound(c.messages.get({ messageId: aMessageId })) },
  "messages.sendEmail": {
    aId: true,
    run: async (c) => {
      await expect(c.messages.sendEmail({ channel: "email", from: "x@a-mail.example.com", to: "bob@example.net", subject: "hi", body: "hi" })).rejects.toThrow(/from: /);
      await db.sendingDomain.deleteMany({ where: { tenantId: fx.b.tenantId, domain: "b-mail.example.com" } });
      const bDomain = await db.sendingDomain.create({ data: { id: newId("sd"), tenantId: fx.b.tenantId, domain: "b-mail.example.com", dkimSelector: "irisx", dkimPublicKey: "AAAA", dkimPrivateKeySealed: "sealed", verifiedAt: new Date() } });
      await expect(c.messages.sendEmail({ channel: "email", from: "x@b-mail.example.com", to: "bob@example.net", subject: "hi", body: "hi", replyToMessageId: aEmailId })).rejects.toThrow(/reply_to_message_id: /);
      await db.sendingDomain.delete({ where: { id: bDomain.id } });
      expect(await db.message.count({ where: { tenantId: fx.b.tenantId, channel: "EMAIL" } })).toBe(0);
    },
  },
  "messages.suppressions": {
    aId: false,
    reason: "the caller's opt-out list; A's id as cursor is rejected",
    run: async (c) => {
      expectNoMessageLeak(await c.messages.suppressions({}));
      await expectTrpcCode(c.messages.suppressions({ cursor: aSuppressionId }), "BAD_REQUEST");
    },
  },
  "messages.addSuppression": {
    aId: false,
    reason: "adds to the caller's own list; A's entry for the same address is untouched",
    run: async (c) => {
      const added = await c.messages.addSuppression({ address: "+14155550178" });
      expect(added.id).not.toBe(aSuppressionId);
      expect(await db.messagingSuppression.findUniqueOrThrow({ where: { id: aSuppressionId } })).toMatchObject({ tenantId: fx.a.tenantId, note: "A's opt-out" });
      await db.messagingSuppression.delete({ where: { id: added.id } });
    },
  },
  "messages.removeSuppression": {
    aId: true,
    run: async (c) => {
      await notFound(c.messages.removeSuppression({ suppressionId: aSuppressionId }));
      expect(await db.messagingSuppression.count({ where: { id: aSuppressionId } })).toBe(1);
    },
  },
  "messages.credentials": {
    aId: false,
    reason: "the caller's own messaging accounts; A's Telnyx account is not listed",
    run: async (c) => {
      await db.tenantMessagingCredential.upsert({
        where: { tenantId_provider: { tenantId: fx.a.tenantId, provider: "telnyx" } },
        create: { tenantId: fx.a.tenantId, provider: "telnyx", secretCipher: "sealed", hint: "AAAA", publicKey: "A's public key" },
        update: {},
      });
      const list = await c.messages.credentials();
      expect(list).toEqual([]);
      expectNoMessageLeak(list);
    },
  },
  "messages.setCredential": {
    aId: false,
    reason: "sets the caller's own account; A's stays as it was",
    run: async (c) => {
      await c.messages.setCredential({ provider: "twilio", accountSid: `AC${"b".repeat(32)}`, authToken: "b-twilio-auth-token-0000" });
      expect(await db.tenantMessagingCredential.count({ where: { tenantId: fx.a.tenantId, provider: "twilio" } })).toBe(0);
      await db.tenantMessagingCredential.deleteMany({ where: { tenantId: fx.b.tenantId } });
    },
  },
  "messages.removeCredential": {
    aId: false,
    reason: "addressed by provider within the caller's tenant: B has none, so not found; A's is untouched",
    run: async (c) => {
      await db.tenantMessagingCredential.upsert({
        where: { tenantId_provider: { tenantId: fx.a.tenantId, provider: "telnyx" } },
        create: { tenantId: fx.a.tenantId, provider: "telnyx", secretCipher: "sealed", hint: "AAAA" },
        update: {},
      });
      await notFound(c.messages.removeCredential({ provider: "telnyx" }));
      expect(await db.tenantMessagingCredential.count({ where: { tenantId: fx.a.tenantId, provider: "telnyx" } })).toBe(1);
    },
  },
  "messages.whatsappNumbers": {
    aId: false,
    reason: "the caller's own connected WhatsApp numbers; A's is not listed",
    run: async (c) => {
      await ensureAWhatsAppNumber();
      const list = await c.messages.whatsappNumbers();
      expect(list).toEqual([]);
      expectNoLeak(list);
    },
  },
  "messages.connectWhatsAppNumber": {
    aId: false,
    reason: "connects a number to the caller's account; A's phone number id is refused and A's row is untouched",
    run: async (c) => {
      const aRow = await ensureAWhatsAppNumber();
      await expectTrpcCode(c.messages.connectWhatsAppNumber({ phoneNumberId: aRow.phoneNumberId, wabaId: "2000000001", e164: "+15550170002", accessToken: "b-token-0123456789abcdefghij" }), "BAD_REQUEST");
      expect(await db.whatsAppNumber.findUniqueOrThrow({ where: { id: aRow.id } })).toMatchObject({ tenantId: fx.a.tenantId, accessTokenCipher: aRow.accessTokenCipher });
    },
  },
  "messages.disconnectWhatsAppNumber": {
    aId: true,
    run: async (c) => {
      const aRow = await ensureAWhatsAppNumber();
      await notFound(c.messages.disconnectWhatsAppNumber({ whatsAppNumberId: aRow.id }));
      expect(await db.whatsAppNumber.count({ where: { id: aRow.id } })).toBe(1);
    },
  },
  "messages.slackWorkspaces": {
    aId: false,
    reason: "the caller's own Slack workspaces; A's is not listed",
    run: async (c) => {
      await ensureASlackWorkspace();
      const list = await c.messages.slackWorkspaces();
      expect(list).toEqual([]);
      expectNoLeak(list);
    },
  },
  "messages.startSlackInstall": {
    aId: false,
    reason: "an install link for the caller's own account: its sealed state names B, never A",
    run: async (c) => {
      // Only these two, and put back after: the suite's other stubbed variables stay.
      Object.assign(process.env, { SLACK_CLIENT_ID: "111.222", SLACK_CLIENT_SECRET: "isolation-secret" });
      try {
        const { url } = await c.messages.startSlackInstall();
        const state = JSON.parse(openSecret(new URL(url).searchParams.get("state")!)) as { t: string };
        expect(state.t).toBe(fx.b.tenantId);
      } finally {
        delete process.env.SLACK_CLIENT_ID;
        delete process.env.SLACK_CLIENT_SECRET;
      }
    },
  },
  "messages.removeSlackWorkspace": {
    aId: true,
    run: async (c) => {
      const aRow = await ensureASlackWorkspace();
      await notFound(c.messages.removeSlackWorkspace({ slackWorkspaceId: aRow.id }));
      expect(await db.slackWorkspace.count({ where: { id: aRow.id } })).toBe(1);
    },
  },
  "messages.chatBots": {
    aId: false,
    reason: "the caller's own connected bots; A's is not listed",
    run: async (c) => {
      await ensureAChatBot();
      for (const channel of ["telegram", "discord"] as const) {
        const list = await c.messages.chatBots({ channel });
        expect(list).toEqual([]);
        expectNoLeak(list);
      }
    },
  },
  "messages.connectTelegramBot": {
    aId: false,
    reason: "connects a bot to the caller's own account; A's bot (same token) is refused without naming A",
    run: async (c) => {
      await ensureAChatBot();
      const tg = await startTelegramStandIn({ requireHttps: false });
      const token = `7000000001:AAE${"a".repeat(32)}`;
      tg.addBot({ id: 7000000001, username: "a_isolation_bot" }, token);
      vi.stubEnv("TELEGRAM_API_BASE_URL", tg.url);
      try {
        const err = await c.messages.connectTelegramBot({ token }).catch((e: unknown) => e as Error);
        expect((err as Error).message).toBe("token: this bot is connected to another account");
        expect(tg.webhooks.size).toBe(0); // A's webhook was not moved
        expect(await db.chatBot.count({ where: { tenantId: fx.b.tenantId } })).toBe(0);
      } finally {
        vi.stubEnv("TELEGRAM_API_BASE_URL", "https://api.telegram.org");
        await tg.close();
      }
    },
  },
  "messages.connectDiscordApp": {
    aId: false,
    reason: "connects an application to the caller's own account; A's application (same id) is refused without naming A",
    run: async (c) => {
      await db.chatBot.upsert({
        where: { channel_externalId: { channel: "DISCORD", externalId: "1000000000000000001" } },
        create: { id: "bot_isolation_a_discord", tenantId: fx.a.tenantId, channel: "DISCORD", externalId: "1000000000000000001", name: "A's app", tokenCipher: "sealed-a", hint: "AAAA", publicKey: "ab".repeat(32) },
        update: {},
      });
      const err = await c.messages.connectDiscordApp({ applicationId: "1000000000000000001", publicKey: "ab".repeat(32), botToken: "x".repeat(70) }).catch((e: unknown) => e as Error);
      expect((err as Error).message).toBe("applicationId: this bot is connected to another account");
      expect(await db.chatBot.count({ where: { tenantId: fx.b.tenantId } })).toBe(0);
    },
  },
  "messages.removeChatBot": {
    aId: true,
    run: async (c) => {
      const aRow = await ensureAChatBot();
      await notFound(c.messages.removeChatBot({ chatBotId: aRow.id }));
      expect(await db.chatBot.count({ where: { id: aRow.id } })).toBe(1);
      },
    },
  "messages.teamsBots": {
    aId: false,
    reason: "the caller's own Teams bots; A's is not listed",
    run: async (c) => {
      await ensureATeamsBot();
      const list = await c.messages.teamsBots();
      expect(list).toEqual([]);
      expectNoLeak(list);
    },
  },
  "messages.connectTeamsBot": {
    aId: false,
    reason: "connects a bot to the caller's account; A's App ID is refused before any token is asked for, and A's row is untouched",
    run: async (c) => {
      const aRow = await ensureATeamsBot();
      await expectTrpcCode(c.messages.connectTeamsBot({ name: "mine", appId: aRow.appId, clientSecret: "b-secret-0123456789" }), "BAD_REQUEST");
      expect(await db.teamsBot.findUniqueOrThrow({ where: { id: aRow.id } })).toMatchObject({ tenantId: fx.a.tenantId, clientSecretCipher: aRow.clientSecretCipher });
    },
  },
  "messages.disconnectTeamsBot": {
    aId: true,
    run: async (c) => {
      const aRow = await ensureATeamsBot();
      await notFound(c.messages.disconnectTeamsBot({ teamsBotId: aRow.id }));
      expect(await db.teamsBot.count({ where: { id: aRow.id } })).toBe(1);
    },
  },
  "voicemail.list": {
    aId: false,
    reason: "the session's tenant's messages; A's box as a filter finds nothing, A's message as cursor is rejected",
    run: async (c) => {
      expect((await c.voicemail.list({ boxId: aBoxId })).items).toEqual([]);
      await expectTrpcCode(c.voicemail.list({ cursor: aVoicemailId }), "BAD_REQUEST");
    },
  },
  "voicemail.get": { aId: true, run: (c) => notFound(c.voicemail.get({ id: aVoicemailId })) },
  "voicemail.markRead": {
    aId: true,
    run: async (c) => {
      await notFound(c.voicemail.markRead({ id: aVoicemailId, read: true }));
      await expectVoicemailIntact();
    },
  },
  "voicemail.delete": {
    aId: true,
    run: async (c) => {
      await notFound(c.voicemail.delete({ id: aVoicemailId }));
      await expectVoicemailIntact();
    },
  },
  "voicemail.boxes": {
    aId: false,
    reason: "the session's tenant's boxes; A's box as cursor is rejected",
    run: async (c) => {
      expectNoVoicemailLeak(await c.voicemail.boxes({}));
      await expectTrpcCode(c.voicemail.boxes({ cursor: aBoxId }), "BAD_REQUEST");
    },
  },
  "voicemail.box": { aId: true, run: (c) => notFound(c.voicemail.box({ id: aBoxId })) },
  "voicemail.createBox": {
    aId: false,
    reason: "creates in the session's tenant; A's user as the owner is refused",
    run: (c) => expectTrpcCode(c.voicemail.createBox({ name: "B's box", userId: fx.a.userId }), "BAD_REQUEST"),
  },
  "voicemail.updateBox": {
    aId: true,
    run: async (c) => {
      await notFound(c.voicemail.updateBox({ id: aBoxId, name: "B's now" }));
      await expectVoicemailIntact();
    },
  },
  "voicemail.deleteBox": {
    aId: true,
    run: async (c) => {
      await notFound(c.voicemail.deleteBox({ id: aBoxId }));
      await expectVoicemailIntact();
    },
  },
  "voicemail.setGreetingAudio": { aId: true, run: (c) => notFound(c.voicemail.setGreetingAudio({ id: aBoxId, audioBase64: "UklGRg==" })) },
  "voicemail.removeGreetingAudio": { aId: true, run: (c) => notFound(c.voicemail.removeGreetingAudio({ id: aBoxId })) },
  "devMail.list": { aId: false, reason: "the platform's development mailbox, not tenant data (staff-only outside development)" },
  "admin.tenants": {
    aId: false,
    reason: "platform staff only, across tenants by design; a tenant member is refused",
    run: (c) => expectTrpcCode(c.admin.tenants(), "FORBIDDEN"),
  },
  "admin.search": {
    aId: true,
    run: (c) => expectTrpcCode(c.admin.search({ q: fx.a.tenantId }), "FORBIDDEN"),
  },
  "admin.pricePlans": {
    aId: false,
    reason: "platform staff only; price plans are the platform's, not a tenant's",
    run: (c) => expectTrpcCode(c.admin.pricePlans(), "FORBIDDEN"),
  },
  "twoFactor.status": { aId: false, reason: "the signed-in user's own second factor: takes no id, reads no tenant" },
  "twoFactor.begin": { aId: false, reason: "enrols the signed-in user only" },
  "twoFactor.confirm": { aId: false, reason: "the signed-in user's own pending secret", run: (c) => expectTrpcCode(c.twoFactor.confirm({ code: "123456" }), "BAD_REQUEST") },
  "twoFactor.regenerateRecoveryCodes": { aId: false, reason: "the signed-in user's own codes", run: (c) => expectTrpcCode(c.twoFactor.regenerateRecoveryCodes({ code: "123456" }), "BAD_REQUEST") },
  "twoFactor.disable": { aId: false, reason: "the signed-in user's own factor", run: (c) => expectTrpcCode(c.twoFactor.disable({ code: "123456" }), "BAD_REQUEST") },
  "admin.suspendTenant": { aId: true, run: (c) => expectTrpcCode(c.admin.suspendTenant({ tenantId: fx.a.tenantId, reason: "by tenant B" }), "FORBIDDEN") },
  "admin.reinstateTenant": { aId: true, run: (c) => expectTrpcCode(c.admin.reinstateTenant({ tenantId: fx.a.tenantId }), "FORBIDDEN") },
  "admin.adjustCredit": { aId: true, run: (c) => expectTrpcCode(c.admin.adjustCredit({ tenantId: fx.a.tenantId, amountMicros: "1000000", reason: "by tenant B" }), "FORBIDDEN") },
  "admin.me": { aId: false, reason: "platform staff only", run: (c) => expectTrpcCode(c.admin.me(), "FORBIDDEN") },
  "admin.staff": { aId: false, reason: "platform staff only", run: (c) => expectTrpcCode(c.admin.staff(), "FORBIDDEN") },
  "admin.setStaffRole": { aId: false, reason: "platform owners only", run: (c) => expectTrpcCode(c.admin.setStaffRole({ email: "someone@example.test", role: "OWNER" }), "FORBIDDEN") },
  "admin.health": { aId: false, reason: "platform staff only", run: (c) => expectTrpcCode(c.admin.health(), "FORBIDDEN") },
  "admin.healthHistory": { aId: false, reason: "platform staff only: the platform's own health", run: (c) => expectTrpcCode(c.admin.healthHistory({ range: "24h" }), "FORBIDDEN") },
  "admin.recentFailures": { aId: false, reason: "platform staff only: failures across tenants by design", run: (c) => expectTrpcCode(c.admin.recentFailures(), "FORBIDDEN") },
  "admin.usage": { aId: false, reason: "platform staff only: usage and revenue across tenants by design", run: (c) => expectTrpcCode(c.admin.usage({ days: 7 }), "FORBIDDEN") },
  "admin.setPlanMonthlyFee": {
    aId: false,
    reason: "platform owners only; price plans are the platform's, not a tenant's",
    run: (c) => expectTrpcCode(c.admin.setPlanMonthlyFee({ pricePlanId: "pp_none", monthlyFeeMicros: "1" }), "FORBIDDEN"),
  },
  "admin.audit": { aId: false, reason: "platform staff only: the whole platform's trail", run: (c) => expectTrpcCode(c.admin.audit({ tenantId: fx.a.tenantId }), "FORBIDDEN") },
  "admin.flags": { aId: false, reason: "platform staff only; a tenant member is refused", run: (c) => expectTrpcCode(c.admin.flags(), "FORBIDDEN") },
  "admin.upsertFlag": { aId: false, reason: "platform staff only", run: (c) => expectTrpcCode(c.admin.upsertFlag({ key: "by_tenant", enabled: true, rolloutPercent: 100 }), "FORBIDDEN") },
  "admin.setFlagOverride": { aId: true, run: (c) => expectTrpcCode(c.admin.setFlagOverride({ key: "isolation_probe", tenantId: fx.a.tenantId, enabled: false }), "FORBIDDEN") },
  "admin.assignNumber": {
    aId: true,
    run: (c) => expectTrpcCode(c.admin.assignNumber({ tenantId: fx.a.tenantId, phoneNumber: "+14155550177" }), "FORBIDDEN"),
  },
  "admin.tenant": { aId: true, run: (c) => expectTrpcCode(c.admin.tenant({ tenantId: fx.a.tenantId }), "FORBIDDEN") },
  "admin.createTenant": { aId: false, reason: "platform operators only", run: (c) => expectTrpcCode(c.admin.createTenant({ name: "By B", ownerEmail: "b@b.example.com", ownerName: "B" }), "FORBIDDEN") },
  "admin.deleteTenant": {
    aId: true,
    run: async (c) => {
      await expectTrpcCode(c.admin.deleteTenant({ tenantId: fx.a.tenantId, reason: "by tenant B", confirmName: "A" }), "FORBIDDEN");
      expect((await db.tenant.findUniqueOrThrow({ where: { id: fx.a.tenantId } })).deletionRequestedAt).toBeNull();
    },
  },
  "admin.cancelTenantDeletion": { aId: true, run: (c) => expectTrpcCode(c.admin.cancelTenantDeletion({ tenantId: fx.a.tenantId }), "FORBIDDEN") },
  "admin.startImpersonation": {
    aId: true,
    run: (c) => expectTrpcCode(c.admin.startImpersonation({ tenantId: fx.a.tenantId, userId: fx.a.userId, reason: "tenant B wants in" }), "FORBIDDEN"),
  },
  "impersonation.current": { aId: false, reason: "the session's own impersonation (none for a tenant member)", run: async (c) => expect(await c.impersonation.current()).toBeNull() },
  "impersonation.end": { aId: false, reason: "ends the session's own impersonation only", run: (c) => notFound(c.impersonation.end()) },
  "impersonation.enableActing": { aId: false, reason: "the session's own impersonation only", run: (c) => notFound(c.impersonation.enableActing({ reason: "tenant B acting" })) },
  "admin.updateLimits": {
    aId: true,
    run: (c) => expectTrpcCode(c.admin.updateLimits({ tenantId: fx.a.tenantId, callsPerSecond: 1000, maxConcurrentCalls: 100000, pricePlanId: null }), "FORBIDDEN"),
  },
  "admin.broadcasts.list": { aId: false, reason: "platform staff only: the platform's mail to tenants", run: (c) => expectTrpcCode(c.admin.broadcasts.list(), "FORBIDDEN") },
  "admin.broadcasts.get": { aId: false, reason: "platform staff only; broadcasts are the platform's", run: (c) => expectTrpcCode(c.admin.broadcasts.get({ broadcastId: "bc_probe" }), "FORBIDDEN") },
  "admin.broadcasts.recipients": { aId: false, reason: "platform staff only: addresses across tenants", run: (c) => expectTrpcCode(c.admin.broadcasts.recipients({ broadcastId: "bc_probe" }), "FORBIDDEN") },
  "admin.broadcasts.preview": {
    aId: false,
    reason: "platform staff only: its sample names another tenant's owner",
    run: (c) => expectTrpcCode(c.admin.broadcasts.preview({ subject: "x", bodyMarkdown: "x", segment: {} }), "FORBIDDEN"),
  },
  "admin.broadcasts.createDraft": {
    aId: false,
    reason: "platform operators only",
    run: (c) => expectTrpcCode(c.admin.broadcasts.createDraft({ subject: "x", bodyMarkdown: "x", segment: {} }), "FORBIDDEN"),
  },
  "admin.broadcasts.updateDraft": {
    aId: false,
    reason: "platform operators only",
    run: (c) => expectTrpcCode(c.admin.broadcasts.updateDraft({ broadcastId: "bc_probe", subject: "x", bodyMarkdown: "x", segment: {} }), "FORBIDDEN"),
  },
  "admin.broadcasts.send": { aId: false, reason: "platform operators only", run: (c) => expectTrpcCode(c.admin.broadcasts.send({ broadcastId: "bc_probe" }), "FORBIDDEN") },
  "admin.broadcasts.cancel": { aId: false, reason: "platform operators only", run: (c) => expectTrpcCode(c.admin.broadcasts.cancel({ broadcastId: "bc_probe" }), "FORBIDDEN") },
  "contacts.list": {
    aId: false,
    reason: "the session's tenant's contacts; A's phone and tag find nothing, A's contact as cursor is rejected",
    run: async (c) => {
      expectNoContactLeak(await c.contacts.list({ search: "+14155550123" }));
      expectNoContactLeak(await c.contacts.list({ tags: ["a-tag"] }));
      await expectTrpcCode(c.contacts.list({ cursor: aContactId }), "BAD_REQUEST");
    },
  },
  "contacts.get": { aId: true, run: (c) => notFound(c.contacts.get({ id: aContactId })) },
  "contacts.create": {
    aId: false,
    reason: "creates in the session's tenant; A's custom field is unknown there",
    run: async (c) => {
      await expectTrpcCode(c.contacts.create({ displayName: "B's", customFields: { a_only: "x" } }), "BAD_REQUEST");
      await expectContactIntact();
    },
  },
  "contacts.update": { aId: true, run: async (c) => { await notFound(c.contacts.update({ id: aContactId, displayName: "B's now" })); await expectContactIntact(); } },
  "contacts.delete": { aId: true, run: async (c) => { await notFound(c.contacts.delete({ id: aContactId })); await expectContactIntact(); } },
  "contacts.addIdentity": { aId: true, run: async (c) => { await notFound(c.contacts.addIdentity({ contactId: aContactId, identity: { kind: "EMAIL", value: "b@b.example.com" } })); await expectContactIntact(); } },
  "contacts.removeIdentity": { aId: true, run: async (c) => { await notFound(c.contacts.removeIdentity({ contactId: aContactId, identityId: aIdentityId })); await expectContactIntact(); } },
  "contacts.addNote": { aId: true, run: async (c) => { await notFound(c.contacts.addNote({ contactId: aContactId, body: "B was here" })); await expectContactIntact(); } },
  "contacts.deleteNote": { aId: true, run: async (c) => { await notFound(c.contacts.deleteNote({ contactId: aContactId, noteId: aNoteId })); await expectContactIntact(); } },
  "contacts.merge": {
    aId: true,
    run: async (c) => {
      const mine = await c.contacts.create({ displayName: "B's survivor" });
      await notFound(c.contacts.merge({ survivorId: mine.id, mergedId: aContactId }));
      await notFound(c.contacts.merge({ survivorId: aContactId, mergedId: mine.id }));
      await expectContactIntact();
    },
  },
  "contacts.undoMerge": { aId: true, run: async (c) => { await notFound(c.contacts.undoMerge({ mergeId: aMergeId })); await expectContactIntact(); } },
  "contacts.timeline": { aId: true, run: (c) => notFound(c.contacts.timeline({ contactId: aContactId })) },
  "contacts.fields": { aId: false, reason: "the session's tenant's field definitions", run: async (c) => expectNoContactLeak(await c.contacts.fields()) },
  "contacts.createField": { aId: false, reason: "creates in the session's tenant", run: async (c) => expectNoContactLeak(await c.contacts.createField({ name: "b_only", label: "B own", type: "TEXT" })) },
  "contacts.deleteField": { aId: true, run: async (c) => { await notFound(c.contacts.deleteField({ id: aFieldId })); expect(await db.contactFieldDefinition.count({ where: { id: aFieldId } })).toBe(1); } },
  "contacts.imports": { aId: false, reason: "the session's tenant's imports", run: async (c) => expectNoContactLeak(await c.contacts.imports()) },
  "contacts.import": { aId: true, run: (c) => notFound(c.contacts.import({ id: aImportId })) },
  "inbox.list": {
    aId: false,
    reason: "the session's tenant's conversations; A's words, label, team or assignee as filters find nothing, A's id as cursor is rejected",
    run: async (c) => {
      expectNoInboxLeak(await c.inbox.list({ status: "any", search: "secret" }));
      expectNoInboxLeak(await c.inbox.list({ status: "any", search: "note" }));
      expect((await c.inbox.list({ status: "any", label: "a-label" })).items).toEqual([]);
      expect((await c.inbox.list({ status: "any", teamId: aTeamId })).items).toEqual([]);
      expect((await c.inbox.list({ status: "any", assigneeUserId: fx.a.userId })).items).toEqual([]);
      await expectTrpcCode(c.inbox.list({ cursor: aConversationId }), "BAD_REQUEST");
    },
  },
  "inbox.get": { aId: true, run: (c) => notFound(c.inbox.get({ conversationId: aConversationId })) },
  "inbox.thread": { aId: true, run: (c) => notFound(c.inbox.thread({ conversationId: aConversationId })) },
  "inbox.markRead": { aId: true, run: async (c) => { await notFound(c.inbox.markRead({ conversationId: aConversationId })); await expectInboxIntact(); } },
  "inbox.update": {
    aId: true,
    run: async (c) => {
      await notFound(c.inbox.update({ conversationId: aConversationId, status: "resolved", labels: [] }));
      await expectInboxIntact();
    },
  },
  "inbox.bulkResolve": { aId: true, run: async (c) => { await notFound(c.inbox.bulkResolve({ conversationIds: [aConversationId] })); await expectInboxIntact(); } },
  "inbox.reply": { aId: true, run: async (c) => { await notFound(c.inbox.reply({ conversationId: aConversationId, body: "hi" })); await expectInboxIntact(); } },
  "inbox.addNote": { aId: true, run: async (c) => { await notFound(c.inbox.addNote({ conversationId: aConversationId, body: "hi" })); await expectInboxIntact(); } },
  "inbox.onChange": { aId: true, run: (c) => notFound(c.inbox.onChange({ conversationId: aConversationId })) },
  "agents.me": { aId: false, reason: "the session's member's own agent", run: async (c) => expectNoAgentLeak(await c.agents.me()) },
  "agents.setState": { aId: false, reason: "the session's member's own agent", run: async (c) => { expectNoAgentLeak(await c.agents.setState({ state: "available" })); await expectAgentIntact(); } },
  "agents.endWrapUp": { aId: false, reason: "the session's member's own wrap-up", run: async (c) => { await expectTrpcCode(c.agents.endWrapUp({ notes: "x" }), "CONFLICT"); await expectAgentIntact(); } },
  "agents.softphone": { aId: false, reason: "the session's member's own line", run: async (c) => { const line = await c.agents.softphone(); expect(line.domain).not.toContain(fx.a.tenantId); expect(await db.sipUser.count({ where: { tenantId: fx.a.tenantId, userId: bUserId } })).toBe(0); } },
  "agents.rotateSoftphonePassword": { aId: false, reason: "the session's member's own line", run: async (c) => { await c.agents.rotateSoftphonePassword(); expect(await db.sipUser.count({ where: { tenantId: fx.a.tenantId, userId: bUserId } })).toBe(0); } },
  "agents.transferTargets": { aId: false, reason: "the session's tenant's agents, queues and caller IDs", run: async (c) => { const t = await c.agents.transferTargets(); expectNoAgentLeak(t); expect(JSON.stringify(t)).not.toContain(aQueueId); expect(JSON.stringify(t)).not.toContain(fx.a.tenantId); expect(JSON.stringify(t)).not.toContain(A_NUMBER); } },
  "agents.callerIds": { aId: false, reason: "the session's tenant's numbers and caller IDs", run: async (c) => expect(JSON.stringify(await c.agents.callerIds())).not.toContain(A_NUMBER) },
  "agents.transfer": {
    aId: true,
    run: async (c) => {
      // B's member on a call of their own: A's agent and queue are not found, A's caller ID not B's to show.
      await whileBAgentOnCall(async () => {
        await notFound(c.agents.transfer({ target: { kind: "agent", agentId: aAgentId } }));
        await notFound(c.agents.transfer({ target: { kind: "queue", queueId: aQueueId } }));
        await expectTrpcCode(c.agents.transfer({ target: { kind: "number", number: "+14155550198", callerId: A_NUMBER } }), "BAD_REQUEST");
      });
      await expectAgentIntact();
      expect(await db.queueMember.count({ where: { queueId: aQueueId } })).toBe(0);
    },
  },
  "agents.consult": {
    aId: true,
    run: async (c) => {
      // B's member on a call of their own: A's agent is not found, and nothing of A's is touched.
      await whileBAgentOnCall(async () => {
        await notFound(c.agents.consult({ target: { kind: "agent", agentId: aAgentId } }));
        await expectTrpcCode(c.agents.consult({ target: { kind: "number", number: "+14155550198", callerId: A_NUMBER } }), "CONFLICT");
      });
      await expectAgentIntact();
      expect(await db.callConsult.count({ where: { tenantId: fx.a.tenantId } })).toBe(0);
    },
  },
  "agents.finishConsult": { aId: false, reason: "the session's member's own consultation", run: async (c) => { await expectTrpcCode(c.agents.finishConsult({ action: "complete" }), "CONFLICT"); await expectAgentIntact(); } },
  "agents.reattach": { aId: false, reason: "the session's member's own call", run: async (c) => { await expectTrpcCode(c.agents.reattach(), "CONFLICT"); await expectAgentIntact(); } },
  "agents.myOffer": { aId: false, reason: "the session's member's own ringing phone", run: async (c) => expect(await c.agents.myOffer()).toBeNull() },
  "agents.myCalls": {
    aId: false,
    reason: "the session's member's own calls; a call of A as the cursor names the field",
    run: async (c) => {
      const page = await c.agents.myCalls({});
      expect(JSON.stringify(page)).not.toContain(fx.a.tenantId);
      expect(page.items.some((r) => r.callId === fx.a.callId)).toBe(false);
      await expectTrpcCode(c.agents.myCalls({ cursor: fx.a.callId }), "BAD_REQUEST");
    },
  },
  "agents.myConsult": { aId: false, reason: "the session's member's own consultation", run: async (c) => expect(await c.agents.myConsult()).toBeNull() },
  "agents.list": { aId: false, reason: "the session's tenant's agents", run: async (c) => expectNoAgentLeak(await c.agents.list()) },
  "agents.forceState": { aId: true, run: async (c) => { await notFound(c.agents.forceState({ agentId: aAgentId, state: "offline" })); await expectAgentIntact(); } },
  "agents.monitor": { aId: true, run: async (c) => { await notFound(c.agents.monitor({ agentId: aAgentId, mode: "barge" })); expect(await db.supervisorMonitor.count({ where: { agentId: aAgentId, id: { not: aMonitorId } } })).toBe(0); } },
  "agents.monitorMode": { aId: true, run: async (c) => { await notFound(c.agents.monitorMode({ monitorId: aMonitorId, mode: "barge" })); expect(await db.supervisorMonitor.findUniqueOrThrow({ where: { id: aMonitorId } })).toMatchObject({ mode: "listen", pending: null }); } },
  "agents.stopMonitor": { aId: true, run: async (c) => { await notFound(c.agents.stopMonitor({ monitorId: aMonitorId })); expect(await db.supervisorMonitor.findUniqueOrThrow({ where: { id: aMonitorId } })).toMatchObject({ status: "active", pending: null }); } },
  "agents.onChange": {
    aId: false,
    reason: "the session's tenant's agents only",
    run: async (c) => {
      const { setAgentState } = await import("@/server/agents/set-agent-state");
      const { ensureAgent } = await import("@/server/agents/ensure-agent");
      const bAgentId = (await ensureAgent(db, fx.b.tenantId, bUserId)).id;
      const move = (tenantId: string, agentId: string, to: "AWAY" | "AVAILABLE") => db.$transaction((tx) => setAgentState(tx, { tenantId, agentId, to, cause: "supervisor" }));
      const events = (await c.agents.onChange())[Symbol.asyncIterator]();
      try {
        // B's own change first proves the feed is listening; then A's change, then B's: the next event is B's.
        const next = events.next();
        let bState: "AWAY" | "AVAILABLE" = "AVAILABLE";
        for (let i = 0; ; i++) {
          bState = bState === "AWAY" ? "AVAILABLE" : "AWAY";
          await move(fx.b.tenantId, bAgentId, bState);
          const got = await Promise.race([next, new Promise<null>((r) => setTimeout(() => r(null), 500))]);
          if (got) break;
          if (i > 20) throw new Error("the agent feed never delivered B's own change");
        }
        const last = bState === "AWAY" ? "available" : "away";
        await move(fx.a.tenantId, aAgentId, "AWAY");
        await move(fx.b.tenantId, bAgentId, last === "away" ? "AWAY" : "AVAILABLE");
        // Everything up to B's last change: none of it is A's.
        for (;;) {
          const seen = (await events.next()).value as { kind: string; agentId?: string; state?: string };
          expect(seen.agentId).not.toBe(aAgentId);
          if (seen.agentId === bAgentId && seen.state === last) break;
        }
      } finally {
        await events.return?.(undefined);
        await move(fx.a.tenantId, aAgentId, "AVAILABLE");
      }
    },
  },
  "contactCentre.list": {
    aId: false,
    reason: "the session's tenant's lists",
    run: async (c) => {
      for (const kind of ["skill", "awayReason", "disposition"] as const) expectNoContactCentreLeak(await c.contactCentre.list({ kind, includeArchived: true }));
    },
  },
  "contactCentre.createItem": {
    aId: false,
    reason: "creates in the session's tenant; A's names are not taken there",
    run: async (c) => {
      expect((await c.contactCentre.createItem({ kind: "skill", name: "A's skill" })).id).not.toBe(aSkillId);
      expect((await c.contactCentre.createItem({ kind: "disposition", code: "a-code", name: "B's" })).id).not.toBe(aDispositionId);
      await expectContactCentreIntact();
    },
  },
  "contactCentre.renameItem": {
    aId: true,
    run: async (c) => {
      await notFound(c.contactCentre.renameItem({ kind: "skill", id: aSkillId, name: "x" }));
      await notFound(c.contactCentre.renameItem({ kind: "awayReason", id: aReasonId, name: "x" }));
      await notFound(c.contactCentre.renameItem({ kind: "disposition", id: aDispositionId, name: "x" }));
      await expectContactCentreIntact();
    },
  },
  "contactCentre.removeItem": {
    aId: true,
    run: async (c) => {
      await notFound(c.contactCentre.removeItem({ kind: "skill", id: aSkillId }));
      await notFound(c.contactCentre.removeItem({ kind: "awayReason", id: aReasonId }));
      await notFound(c.contactCentre.removeItem({ kind: "disposition", id: aDispositionId }));
      await expectContactCentreIntact();
    },
  },
  "contactCentre.queues": { aId: false, reason: "the session's tenant's queues", run: async (c) => expectNoContactCentreLeak(await c.contactCentre.queues()) },
  "contactCentre.queue": { aId: true, run: async (c) => notFound(c.contactCentre.queue({ queueId: aQueueId })) },
  "contactCentre.createQueue": {
    aId: false,
    reason: "creates in the session's tenant; A's queue name is free there and A's queue is no overflow target",
    run: async (c) => {
      await expectTrpcCode(c.contactCentre.createQueue({ friendlyName: "B's overflow", overflowAction: "queue", overflowTarget: "A's queue" }), "BAD_REQUEST");
      expectNoContactCentreLeak(await c.contactCentre.createQueue({ friendlyName: "A's queue" }).then((q) => ({ ...q, friendlyName: "" })));
      await expectContactCentreIntact();
    },
  },
  "contactCentre.updateQueue": { aId: true, run: async (c) => { await notFound(c.contactCentre.updateQueue({ queueId: aQueueId, strategy: "ring-all", serviceLevelSeconds: 99 })); await expectContactCentreIntact(); } },
  "contactCentre.setQueueSkills": { aId: true, run: async (c) => { await notFound(c.contactCentre.setQueueSkills({ queueId: aQueueId, skills: [] })); await expectContactCentreIntact(); } },
  "contactCentre.setQueueAgents": { aId: true, run: async (c) => { await notFound(c.contactCentre.setQueueAgents({ queueId: aQueueId, agentIds: [] })); await expectContactCentreIntact(); } },
  "contactCentre.updateAgent": {
    aId: true,
    run: async (c) => {
      await notFound(c.contactCentre.updateAgent({ agentId: aAgentId, callCapacity: 0, skills: [], queueIds: [] }));
      await expectContactCentreIntact();
    },
  },
  "contactCentre.queueCallbacks": {
    aId: true,
    run: async (c) => {
      await notFound(c.contactCentre.queueCallbacks({ queueId: aQueueId }));
      expectNoContactCentreLeak(await c.contactCentre.queueCallbacks());
      expectNoContactCentreLeak(await c.contactCentre.queueCallbacks({ status: "open" }));
    },
  },
  "contactCentre.queueMetrics": {
    aId: true,
    run: async (c) => {
      await notFound(c.contactCentre.queueMetrics({ queueId: aQueueId }));
      expectNoContactCentreLeak(await c.contactCentre.queueMetrics());
    },
  },
  "inbox.startEmail": {
    aId: true,
    run: async (c) => {
      await notFound(c.inbox.startEmail({ from: "support@a-mail.example.com", contactId: aContactId, subject: "hi", html: "<p>hi</p>" }));
      await expectInboxIntact();
      expect(await db.conversation.count({ where: { contactId: aContactId } })).toBe(1);
    },
  },
  "inbox.emailRecipients": {
    aId: false,
    reason: "the session's tenant's contacts",
    run: async (c) => {
      const found = await c.inbox.emailRecipients({ search: "customer@a" });
      expect(found).toEqual([]);
      expect(JSON.stringify(await c.inbox.emailRecipients({}))).not.toContain(aContactId);
    },
  },
  "inbox.emailSenders": { aId: false, reason: "the session's tenant's verified sending domains", run: async (c) => expect(JSON.stringify(await c.inbox.emailSenders())).not.toContain("a-mail.example.com") },
  "inboxReports.volume": {
    aId: false,
    reason: "the session's tenant's conversations",
    run: async (c) => expect((await c.inboxReports.volume({ days: 7, timeZone: "UTC" })).totals.handled).toBe(0),
  },
  "inboxReports.channels": { aId: false, reason: "the session's tenant's conversations", run: async (c) => expect(await c.inboxReports.channels({ days: 90 })).toEqual([]) },
  "inboxReports.agents": { aId: false, reason: "the session's tenant's conversations", run: async (c) => expect(await c.inboxReports.agents({ days: 30 })).toEqual([]) },
  "inboxReports.hours": { aId: false, reason: "the session's tenant's messages", run: async (c) => expect((await c.inboxReports.hours({ days: 7 })).total).toBe(0) },
  "notifications.list": { aId: true, run: async (c) => { expectNoNotificationLeak(await c.notifications.list({})); await expectTrpcCode(c.notifications.list({ cursor: aNotificationId }), "BAD_REQUEST"); } },
  "notifications.markRead": { aId: true, run: async (c) => { await notFound(c.notifications.markRead({ notificationId: aNotificationId })); await expectNotificationIntact(); } },
  "notifications.markAllRead": { aId: false, reason: "the session's member's own notifications", run: async (c) => { await c.notifications.markAllRead(); await expectNotificationIntact(); } },
  "notifications.onChange": { aId: false, reason: "the session's member's own bell (its feed filters by the session's tenant and user: notifications.test.ts)" },
  "inbox.members": { aId: false, reason: "the session's tenant's members", run: async (c) => expectNoInboxLeak(await c.inbox.members()) },
  "inbox.availability": { aId: false, reason: "the session's member", run: async (c) => expectNoInboxLeak(await c.inbox.availability()) },
  "inbox.setAvailability": { aId: false, reason: "the session's member in the session's tenant", run: async (c) => { expectNoInboxLeak(await c.inbox.setAvailability({ availability: "away" })); await expectInboxIntact(); } },
  "inbox.cannedResponses": { aId: false, reason: "the session's tenant's canned responses", run: async (c) => expectNoInboxLeak(await c.inbox.cannedResponses()) },
  "inbox.createCannedResponse": {
    aId: false,
    reason: "creates in the session's tenant; A's short code is not taken there",
    run: async (c) => {
      const created = await c.inbox.createCannedResponse({ shortCode: "a-canned", body: "B's own" });
      expect(created.id).not.toBe(aCannedId);
      expect(created.body).toBe("B's own");
      await expectInboxIntact();
    },
  },
  "inbox.deleteCannedResponse": { aId: true, run: async (c) => { await notFound(c.inbox.deleteCannedResponse({ id: aCannedId })); await expectInboxIntact(); } },
  "inbox.teams": { aId: false, reason: "the session's tenant's teams", run: async (c) => expectNoInboxLeak(await c.inbox.teams()) },
  "inbox.createTeam": {
    aId: false,
    reason: "creates in the session's tenant; A's member cannot join it",
    run: async (c) => {
      await expectTrpcCode(c.inbox.createTeam({ name: "B's team", memberUserIds: [fx.a.userId] }), "BAD_REQUEST");
      await expectInboxIntact();
    },
  },
  "inbox.setTeamMembers": { aId: true, run: async (c) => { await notFound(c.inbox.setTeamMembers({ id: aTeamId, memberUserIds: [] })); await expectInboxIntact(); } },
  "inbox.deleteTeam": { aId: true, run: async (c) => { await notFound(c.inbox.deleteTeam({ id: aTeamId })); await expectInboxIntact(); } },
};

describe("tRPC procedures with tenant B's session against tenant A's ids", () => {
  const procedures = Object.keys(appRouter._def.procedures).sort();

  it("covers every procedure of appRouter, and nothing else", () => {
    expect(procedures.filter((p) => !(p in TRPC)), "procedures without an isolation case").toEqual([]);
    expect(Object.keys(TRPC).filter((p) => !procedures.includes(p)), "cases for procedures that no longer exist").toEqual([]);
  });

  it("answers NOT_FOUND for A's objects and never returns A's data", async () => {
    for (const name of procedures) {
      const c = TRPC[name];
      if (!c?.run) continue;
      await c.run(fx.b.caller).catch((e: unknown) => {
        throw new Error(`${name}: ${(e as Error).message}`, { cause: e });
      });
    }
    const endpoint = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: fx.a.endpointId } });
    expect(endpoint.status).toBe("ENABLED");
    expect(await db.membership.count({ where: { id: fx.a.membershipId } })).toBe(1);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: fx.a.invitationId } })).revokedAt).toBeNull();
    expect((await db.phoneNumber.findUniqueOrThrow({ where: { id: fx.a.phoneNumberId } })).friendlyName).toBe("A's line");
    expect(await db.call.findUniqueOrThrow({ where: { id: fx.a.callId } })).toMatchObject({ status: "QUEUED", endRequestedAt: null });
    expect((await db.sipUser.findUniqueOrThrow({ where: { id: fx.a.sipUserId } })).enabled).toBe(true);
  }, 120_000);
});
