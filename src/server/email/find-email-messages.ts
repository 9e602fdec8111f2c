import { db } from "@/server/db";

export async function findEmailMessages(opts: { limit?: number } = {}) {
  return db.emailMessage.findMany({ orderBy: { createdAt: "desc" }, take: Math.min(opts.limit ?? 50, 200) });
}
