// The worker stores the verb interpreter's state of a call after every decision (one UPDATE), so a worker that
// restarts mid-call resumes the call where it was (worker/call-control/resume-call-session.ts).
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";

export async function saveVoiceSession(input: { callId: string; session: unknown }): Promise<void> {
  const value = input.session === null ? Prisma.DbNull : (input.session as Prisma.InputJsonValue);
  await db.call.update({ where: { id: input.callId }, data: { voiceSession: value }, select: { id: true } });
}
