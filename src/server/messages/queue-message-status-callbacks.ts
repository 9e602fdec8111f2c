// A message's statusCallback, queued in the transaction of the status change it reports (so a crash loses none),
// in the form of the API that created the message: Twilio's (form-encoded MessageSid, MessageStatus, … signed with
// X-Twilio-Signature and the account's auth token) or IRISX's (JSON `{ type, data }`, IRISX-Signature). The
// callback senders (src/server/calls/callbacks/send-due-callbacks.ts: the worker's and the job engine's) send it
// with one retry, as Twilio does, and a message's callbacks in the order of its statuses.
import type { MessageStatus } from "@/generated/prisma/enums";
import type { Tx } from "@/server/db";
import { toMessageResource, type MessageView } from "@/server/messages/message-view";
import { statusName } from "@/server/messages/messages.schemas";
import { newId } from "@/server/shared/ids";

/** A status's place in a message's life: its callback's sequence (a later status is never sent before an earlier one). */
export const MESSAGE_STATUS_RANK: Record<MessageStatus, number> = { QUEUED: 0, SENDING: 1, SENT: 2, DELIVERED: 3, UNDELIVERED: 3, FAILED: 3, READ: 4, RECEIVED: 0 };

function twilioParams(m: MessageView, accountSid: string): Record<string, string> {
  const status = statusName(m.status);
  const params: Record<string, string> = {
    MessageSid: m.id, SmsSid: m.id, SmsMessageSid: m.id, AccountSid: accountSid, From: m.from, To: m.to,
    MessageStatus: status, SmsStatus: status, ApiVersion: "2010-04-01", NumSegments: String(m.numSegments), NumMedia: String(m.mediaUrls.length),
  };
  if (m.errorCode !== null) params.ErrorCode = String(m.errorCode);
  return params;
}

export async function queueMessageStatusCallbacks(tx: Tx, messages: readonly MessageView[]): Promise<void> {
  const wanted = messages.filter((m) => m.statusCallbackUrl);
  if (!wanted.length) return;
  const tenants = await tx.tenant.findMany({ where: { id: { in: [...new Set(wanted.map((m) => m.tenantId))] } }, select: { id: true, accountSid: true } });
  const sid = new Map(tenants.map((t) => [t.id, t.accountSid]));
  await tx.callbackDelivery.createMany({
    data: wanted.map((m) => {
      const twilio = m.apiSurface === "twilio";
      return {
        id: newId("cbd"),
        tenantId: m.tenantId,
        messageId: m.id,
        url: m.statusCallbackUrl!,
        method: twilio ? m.statusCallbackMethod : "POST",
        format: twilio ? "twilio" : "native",
        sequence: MESSAGE_STATUS_RANK[m.status],
        params: twilio ? twilioParams(m, sid.get(m.tenantId) ?? "") : { type: `message.${statusName(m.status)}`, data: toMessageResource(m) },
      };
    }),
  });
}
