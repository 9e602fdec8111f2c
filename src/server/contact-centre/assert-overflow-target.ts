import type { DbOrTx } from "@/server/db";
import { ZE164Number } from "@/server/calls/calls.schemas";
import { fieldError } from "@/server/errors";

/**
 * An overflow needs a target that exists in the tenant: another queue (by name, not the queue itself), a voicemail
 * box id, a flow id, or a dialable E.164 number. Returns the normalized target (null without an action).
 */
export async function assertOverflowTarget(
  tx: DbOrTx,
  tenantId: string,
  queue: { id: string | null; friendlyName: string },
  action: string | null,
  target: string | null,
): Promise<string | null> {
  if (!action) return null;
  const value = target?.trim() ?? "";
  if (!value) throw fieldError("overflowTarget", `required when overflowAction is ${action}`);
  if (action === "number") {
    const parsed = ZE164Number.safeParse(value);
    if (!parsed.success) throw fieldError("overflowTarget", "must be a phone number in E.164 form, e.g. +14155550123");
    return parsed.data;
  }
  if (action === "queue") {
    if (value === queue.friendlyName) throw fieldError("overflowTarget", "a queue cannot overflow into itself");
    if (!(await tx.callQueue.findFirst({ where: { tenantId, friendlyName: value }, select: { id: true } }))) throw fieldError("overflowTarget", `no queue named "${value}"`);
    return value;
  }
  if (action === "voicemail") {
    if (!(await tx.voicemailBox.findFirst({ where: { tenantId, id: value }, select: { id: true } }))) throw fieldError("overflowTarget", `no voicemail box ${value}`);
    return value;
  }
  if (!(await tx.flow.findFirst({ where: { tenantId, id: value }, select: { id: true } }))) throw fieldError("overflowTarget", `no flow ${value}`);
  return value;
}
