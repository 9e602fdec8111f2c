import { db } from "@/server/db";

/** The tenant's stored speech choices (no row: none made). For the call path; the portal reads getSpeechSettings. */
export async function getTenantSpeechSettings(tenantId: string): Promise<{ defaultVoice: string | null; sttProvider: string | null }> {
  const row = await db.tenantSpeechSettings.findUnique({ where: { tenantId }, select: { defaultVoice: true, sttProvider: true } });
  return { defaultVoice: row?.defaultVoice ?? null, sttProvider: row?.sttProvider ?? null };
}
