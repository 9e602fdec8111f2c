import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/tenancy";
import { assertCanManageNumbers } from "@/server/numbers/phone-number-view";
import { loadTenantCallerId, MAX_CODE_ATTEMPTS, toCallerIdView, type CallerIdView } from "@/server/caller-ids/caller-id-view";
import { ZConfirmCallerIdInput, type TConfirmCallerIdInput } from "@/server/caller-ids/caller-ids.schemas";
import { codeMatches } from "@/server/caller-ids/verification-code";

function codeError(message: string): AppError {
  return new AppError("VALIDATION_FAILED", `code: ${message}`, { details: { fieldErrors: { code: [message] } } });
}

/**
 * Checks the code the verification call spoke. Each attempt is counted before it is compared (a conditional
 * update on the count), so parallel guesses cannot exceed MAX_CODE_ATTEMPTS; the last wrong one voids the code.
 */
export async function confirmCallerId(actor: Actor, input: TConfirmCallerIdInput): Promise<CallerIdView> {
  assertCanManageNumbers(actor);
  const { id, code } = ZConfirmCallerIdInput.parse(input);
  const row = await loadTenantCallerId(db, actor.tenantId, id);
  if (row.verifiedAt) return toCallerIdView(row);
  if (!row.codeHash || !row.codeExpiresAt || row.codeExpiresAt <= new Date() || row.codeAttempts >= MAX_CODE_ATTEMPTS) {
    throw codeError("no code is current for this number (expired or too many attempts): start a new verification call");
  }
  const counted = await db.callerId.updateMany({ where: { id, codeAttempts: row.codeAttempts, codeHash: row.codeHash }, data: { codeAttempts: { increment: 1 } } });
  if (counted.count === 0) throw codeError("another attempt was being checked at the same time: try again");
  if (!codeMatches(id, code, row.codeHash)) {
    const left = MAX_CODE_ATTEMPTS - row.codeAttempts - 1;
    throw codeError(left > 0 ? `incorrect code (${left} attempt${left === 1 ? "" : "s"} left)` : "incorrect code; no attempts left: start a new verification call");
  }
  return db.$transaction(async (tx) => {
    const verified = await tx.callerId.update({ where: { id }, data: { verifiedAt: new Date(), codeHash: null, codeExpiresAt: null, codeAttempts: 0 } });
    await recordAudit(tx, actor, { action: "caller_id.verified", targetType: "caller_id", targetId: id, after: { phoneNumber: verified.e164 } });
    return toCallerIdView(verified);
  });
}
