// One-time tokens (email verification, password reset, invitations): the link carries the random token,
// the database keeps only its SHA-256, so a leaked database row cannot be replayed as a link.
import { createHash } from "node:crypto";
import { randomToken } from "@/server/shared/ids";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function issueToken(): { token: string; tokenHash: string } {
  const token = randomToken(32);
  return { token, tokenHash: hashToken(token) };
}
