// API key scopes and inputs. A key carries a list of scopes; each REST route names the one scope it needs.
import { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";

/**
 * Every scope a key can hold, with what it permits. `*` grants all of them, including scopes added later.
 * Scopes are exact: `webhooks:write` does not imply `webhooks:read`, so a key can be write-only.
 */
export const API_KEY_SCOPES = {
  "*": "Everything, including scopes added later",
  "account:read": "Read the account (name, status, credit balance)",
  "api_keys:read": "List and read API keys (never their secrets)",
  "api_keys:write": "Create and revoke API keys (only with scopes the calling key holds)",
  "webhooks:read": "List webhook endpoints and their deliveries",
  "webhooks:write": "Create, update, delete webhook endpoints and redeliver events",
  "calls:read": "Read calls",
  "calls:write": "Place, modify and end calls",
  "recordings:read": "List recordings and fetch their audio",
  "recordings:write": "Delete recordings",
  "voicemail:read": "List voicemail boxes and messages (the audio needs recordings:read)",
  "voicemail:write": "Manage voicemail boxes, mark messages read, delete messages",
  "numbers:read": "List and read phone numbers",
  "numbers:write": "Add, configure and release phone numbers",
  "flows:read": "List and read IVR flows and their versions",
  "flows:write": "Create, edit and publish IVR flows",
  "contacts:read": "List and read contacts, their timeline and import status",
  "contacts:write": "Create, update, merge, delete and import contacts",
  "messages:read": "Read messages",
  "messages:write": "Send messages",
  "conversations:read": "List and read inbox conversations and their messages",
  "conversations:write": "Change conversations (status, assignee, priority, labels), reply and add internal notes",
} as const;

export type ApiKeyScope = keyof typeof API_KEY_SCOPES;
export const API_KEY_SCOPE_NAMES = Object.keys(API_KEY_SCOPES) as [ApiKeyScope, ...ApiKeyScope[]];

export const ZApiKeyScope = z.enum(API_KEY_SCOPE_NAMES);

export const ZCreateApiKeyInput = z.strictObject({
  name: z.string().trim().min(1, "name is required").max(100),
  scopes: z
    .array(ZApiKeyScope)
    .min(1, "choose at least one scope")
    .max(API_KEY_SCOPE_NAMES.length)
    .transform((s) => [...new Set(s)]),
});
export type TCreateApiKeyInput = z.input<typeof ZCreateApiKeyInput>;

export const ZFindApiKeysInput = z.strictObject({
  ...ZPageInput.shape,
  includeRevoked: z.boolean().default(true),
});
export type TFindApiKeysInput = z.input<typeof ZFindApiKeysInput>;

export const ZApiKeyId = z.string().min(1).max(64);

/** True when a key holding `held` may act with `needed`. */
export function scopeAllows(held: readonly string[], needed: string): boolean {
  return held.includes("*") || held.includes(needed);
}

/** The Bearer form of a key: `irx_<keyId>_<secret>`. Basic auth takes `<keyId>:<secret>` instead. */
export const BEARER_PREFIX = "irx_";
export function formatBearerToken(keyId: string, secret: string): string {
  return `${BEARER_PREFIX}${keyId}_${secret}`;
}
