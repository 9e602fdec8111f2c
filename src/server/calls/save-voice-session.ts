// The worker stores the verb interpreter's state of a call after every decision, so a worker that restarts mid-call
// resumes the call where it was (worker/call-control/start-call-session.ts). One small statement on the raw pool, as
// the hottest write of call control (one per step of every live call).
import { sqlPool } from "@/server/db";

/** `session`: the state as JSON text (the caller serializes it once), or null when the document has ended. */
export async function saveVoiceSession(input: { callId: string; session: string | null }): Promise<void> {
  await sqlPool().query({
    name: "irisx.saveVoiceSession",
    text: `UPDATE "Call" SET "voiceSession" = $2::jsonb WHERE id = $1`,
    values: [input.callId, input.session],
  });
}
