import type { Tx } from "@/server/db";
import { newId } from "@/server/shared/ids";

/** Gives back the charge of messages that never reached a provider (refused, out of retries), one entry each. */
export async function refundMessages(tx: Tx, messages: readonly { id: string; tenantId: string; priceMicros: bigint }[]): Promise<void> {
  const byTenant = new Map<string, { id: string; priceMicros: bigint }[]>();
  for (const m of messages) if (m.priceMicros > 0n) byTenant.set(m.tenantId, [...(byTenant.get(m.tenantId) ?? []), m]);
  for (const [tenantId, list] of byTenant) {
    const total = list.reduce((sum, m) => sum + m.priceMicros, 0n);
    const [tenant] = await tx.$queryRaw<{ creditMicros: bigint; currency: string }[]>`
      UPDATE "Tenant" SET "creditMicros" = "creditMicros" + ${total}, "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE id = ${tenantId}
      RETURNING "creditMicros", currency`;
    if (!tenant) continue;
    let balance = tenant.creditMicros - total;
    await tx.creditLedgerEntry.createMany({
      data: list.map((m) => {
        balance += m.priceMicros;
        return { id: newId("cle"), tenantId, amountMicros: m.priceMicros, balanceAfter: balance, currency: tenant.currency, reason: `refund: message ${m.id} was not sent` };
      }),
    });
  }
}
