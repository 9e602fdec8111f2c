import { db } from "@/server/db";
import { assertTenantFlow } from "@/server/ivr-flows/assert-tenant-flow";
import { recordAudit } from "@/server/audit/record-audit";
import type { Actor } from "@/server/tenancy";
import { loadTenantPhoneNumber } from "@/server/numbers/get-phone-number";
import { ZUpdatePhoneNumberInput, type TUpdatePhoneNumberInput } from "@/server/numbers/numbers.schemas";
import { assertCanManageNumbers, toPhoneNumberViews, type PhoneNumberView } from "@/server/numbers/phone-number-view";

/** Changes handlers, callbacks, capabilities, gateway or name. The number itself cannot change: release and add. */
export async function updatePhoneNumber(actor: Actor, input: TUpdatePhoneNumberInput): Promise<PhoneNumberView> {
  assertCanManageNumbers(actor);
  const { id, capabilities, ...fields } = ZUpdatePhoneNumberInput.parse(input);
  // A number answers with a URL or a flow: choosing one drops the other.
  const voiceHandler = fields.voiceUrl ? { voiceFlowId: null } : fields.voiceFlowId ? { voiceUrl: null } : {};
  return db.$transaction(async (tx) => {
    const [before] = await toPhoneNumberViews(tx, actor.tenantId, [await loadTenantPhoneNumber(tx, actor.tenantId, id)]);
    await assertTenantFlow(tx, actor.tenantId, fields.voiceFlowId);
    const row = await tx.phoneNumber.update({
      where: { id },
      data: {
        // Prisma leaves undefined fields as they are.
        ...fields,
        ...voiceHandler,
        ...(capabilities ? { voiceEnabled: capabilities.voice, smsEnabled: capabilities.sms, mmsEnabled: capabilities.mms } : {}),
      },
    });
    const [after] = await toPhoneNumberViews(tx, actor.tenantId, [row]);
    await recordAudit(tx, actor, { action: "phone_number.updated", targetType: "phone_number", targetId: id, before, after });
    return after!;
  });
}
