// Debiting messages from the prepaid credit, one UPDATE per tenant and one ledger entry per message, inside the
// sender's claim transaction (a message is charged exactly when it moves to `sending`, and `charged` says so).
import type { Tx } from "@/server/db";
import { newId } from "@/server/shared/ids";

export interface ChargeableMessage {
  id: string;
  tenantId: string;
  priceMicros: bigint;
  numSegments: number;
  channel: string;
}

/**
 * Charges what each tenant's balance covers, in the order given; returns the ids that could not be paid for (the
 * tenant's balance is then short of the rest, never negative because of messages).
 */
export async function chargeMessages(tx: Tx, messages: readonly ChargeableMessage[]): Promise<{ unpaid: Set<string> }> {
  const unpaid = new Set<string>();
  const byTenant = new Map<string, ChargeableMessage[]>();
  for (const m of messages) if (m.priceMicros > 0n) byTenant.set(m.tenantId, [...(byTenant.get(m.tenantId) ?? []), m]);
  const entries: { id: string; tenantId: string; amountMicros: bigint; balanceAfter: bigint; currency: string; reason: string }[] = [];
  for (const [tenantId, list] of byTenant) {
    const [tenant] = await tx.$queryRaw<{ creditMicros: bigint; currency: string }[]>`SELECT "creditMicros", currency FROM "Tenant" WHERE id = ${tenantId} FOR UPDATE`;
    if (!tenant) {
      for (const m of list) unpaid.add(m.id);
      continue;
    }
    let balance = tenant.creditMicros;
    let total = 0n;
    for (const m of list) {
      if (balance < m.priceMicros) {
        unpaid.add(m.id);
        continue;
      }
      balance -= m.priceMicros;
      total += m.priceMicros;
      const what = m.channel === "MMS" ? "MMS" : `${m.numSegments} segment${m.numSegments === 1 ? "" : "s"}`;
      entries.push({ id: newId("cle"), tenantId, amountMicros: -m.priceMicros, balanceAfter: balance, currency: tenant.currency, reason: `message ${m.id} (${what})` });
    }
    if (total > 0n) await tx.$executeRaw`UPDATE "Tenant" SET "creditMicros" = "creditMicros" - ${total}, "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE id = ${tenantId}`;
  }
  if (entries.length) await tx.creditLedgerEntry.createMany({ data: entries });
  return { unpaid };
}
