// Inputs of the SIP user use-cases. A SIP user is the credential an agent's softphone registers with:
// <username>@<tenant slug>.<SIP_DOMAIN>, checked by FreeSWITCH through /api/freeswitch/directory.
import { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";

/**
 * The user part of a SIP URI, kept to what every softphone and carrier accepts unescaped: lower-case letters,
 * digits, dot, underscore and hyphen, starting with a letter or digit (extensions like "1001" are fine).
 */
export const ZSipUsername = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "username needs at least 2 characters")
  .max(32, "username is at most 32 characters")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "username may hold only letters, digits, dot, underscore and hyphen, and starts with a letter or digit");

export const ZCreateSipUserInput = z.strictObject({
  username: ZSipUsername,
  displayName: z.string().trim().max(80).default(""),
  /** The team member this phone belongs to (optional). Must be a member of the same tenant. */
  userId: z.string().min(1).max(64).nullish(),
});
export type TCreateSipUserInput = z.input<typeof ZCreateSipUserInput>;

export const ZFindSipUsersInput = ZPageInput;
export type TFindSipUsersInput = z.input<typeof ZFindSipUsersInput>;

export const ZSipUserIdInput = z.strictObject({ id: z.string().min(1).max(64) });
export type TSipUserIdInput = z.input<typeof ZSipUserIdInput>;

export const ZUpdateSipUserInput = z.strictObject({
  id: z.string().min(1).max(64),
  enabled: z.boolean().optional(),
  displayName: z.string().trim().max(80).optional(),
});
export type TUpdateSipUserInput = z.input<typeof ZUpdateSipUserInput>;

/** What the switch asks: user and domain of a REGISTER/INVITE digest challenge (or a user/ dial). */
export const ZDirectoryLookupInput = z.object({
  user: z.string().trim().toLowerCase().min(1).max(64),
  domain: z.string().trim().toLowerCase().min(1).max(253),
});
export type TDirectoryLookupInput = z.input<typeof ZDirectoryLookupInput>;
