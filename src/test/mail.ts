// Reads what sendEmail recorded, the way a user follows a link in their inbox.
import { db } from "@/server/db";

export async function lastEmailTo(to: string) {
  return db.emailMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
}

/** The token at the end of the first link in the latest mail to `to` matching `pattern` (e.g. /verify-email\?token=/). */
export async function tokenFromLastEmail(to: string, pattern: RegExp): Promise<string> {
  const mail = await lastEmailTo(to);
  const match = new RegExp(`${pattern.source}([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match?.[1]) throw new Error(`no link matching ${pattern} in mail to ${to}: ${mail.text}`);
  return match[1];
}
