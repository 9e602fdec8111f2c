import type { DbOrTx } from "@/server/db";
import { AppError } from "@/server/errors";

/** A number's voice flow must be a flow of the number's tenant: another tenant's id reads as an unknown flow (422). */
export async function assertTenantFlow(client: DbOrTx, tenantId: string, flowId: string | null | undefined): Promise<void> {
  if (!flowId) return;
  const flow = await client.flow.findFirst({ where: { id: flowId, tenantId }, select: { id: true } });
  if (!flow) throw new AppError("UNPROCESSABLE", "voiceFlowId does not name a flow of this account", { details: { fieldErrors: { voiceFlowId: ["no such flow"] } } });
}
