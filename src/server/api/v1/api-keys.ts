import { z } from "zod";
import { API_KEY_SCOPES, ZApiKeyScope, ZCreateApiKeyInput } from "@/server/api-keys/api-keys.schemas";
import type { ApiKeyView } from "@/server/api-keys/api-key-view";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { findApiKeys } from "@/server/api-keys/find-api-keys";
import { getApiKey } from "@/server/api-keys/get-api-key";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";

const scopeList = Object.entries(API_KEY_SCOPES).map(([scope, what]) => `\`${scope}\`: ${what}`).join("; ");

export const ZApiKeyResource = z
  .object({
    id: z.string().meta({ description: "Key id; the Basic-auth username", example: "AK3f9c0d1e2b3a4958677a6b5c4d3e2f10" }),
    name: z.string().meta({ example: "CRM integration" }),
    scopes: z.array(z.string()).meta({ example: ["account:read", "webhooks:write"] }),
    secret_last4: z.string().meta({ description: "Last four characters of the secret, to tell keys apart", example: "x9Qe" }),
    status: z.enum(["active", "revoked"]),
    created_at: z.iso.datetime(),
    last_used_at: z.iso.datetime().nullable().meta({ description: "Updated at most once a minute" }),
    revoked_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiKey" });

export const ZCreatedApiKeyResource = ZApiKeyResource.extend({
  secret: z.string().meta({ description: "Shown only in this response; store it now", example: "k7N2pQ...x9Qe" }),
  bearer_token: z.string().meta({ description: "Ready-made value for `Authorization: Bearer`", example: "irx_AK3f9c..._k7N2pQ...x9Qe" }),
}).meta({ id: "CreatedApiKey" });

const ZApiKeyParams = z.strictObject({ id: z.string().regex(/^AK[0-9a-f]{32}$/).meta({ description: "API key id", example: "AK3f9c0d1e2b3a4958677a6b5c4d3e2f10" }) });

function toResource(key: ApiKeyView): z.input<typeof ZApiKeyResource> {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes,
    secret_last4: key.secretLast4,
    status: key.revokedAt ? "revoked" : "active",
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
  };
}

export const listApiKeysRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/api-keys",
    operationId: "listApiKeys",
    tag: "API keys",
    summary: "List API keys",
    description: "The account's API keys, newest first, including revoked ones. Secrets are never returned.",
    scope: "api_keys:read",
    query: ZPageQuery,
    response: listOf(ZApiKeyResource, "ApiKeyList"),
  },
  async ({ actor, query }) => toList(await findApiKeys(actor, { limit: query.limit, cursor: query.starting_after }), toResource),
);

export const createApiKeyRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/api-keys",
    operationId: "createApiKey",
    tag: "API keys",
    summary: "Create an API key",
    description: `Creates a key and returns its secret once. A key can only grant scopes it holds itself. Scopes: ${scopeList}.`,
    scope: "api_keys:write",
    body: z.strictObject({
      name: ZCreateApiKeyInput.shape.name.meta({ description: "What the key is for", example: "CRM integration" }),
      scopes: z.array(ZApiKeyScope).min(1).meta({ description: "Scopes to grant", example: ["account:read", "webhooks:read"] }),
    }),
    response: ZCreatedApiKeyResource,
    status: 201,
    example: { name: "CRM integration", scopes: ["account:read", "webhooks:read"] },
  },
  async ({ actor, body }) => {
    const created = await createApiKey(actor, body);
    return { ...toResource(created.apiKey), secret: created.secret, bearer_token: created.bearerToken };
  },
);

export const getApiKeyRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/api-keys/{id}",
    operationId: "getApiKey",
    tag: "API keys",
    summary: "Retrieve an API key",
    scope: "api_keys:read",
    params: ZApiKeyParams,
    response: ZApiKeyResource,
  },
  async ({ actor, params }) => toResource(await getApiKey(actor, params.id)),
);

export const revokeApiKeyRoute = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/api-keys/{id}",
    operationId: "revokeApiKey",
    tag: "API keys",
    summary: "Revoke an API key",
    description: "Revokes the key; requests with it fail with 401 from then on. Revoking a revoked key returns it unchanged.",
    scope: "api_keys:write",
    params: ZApiKeyParams,
    response: ZApiKeyResource,
  },
  async ({ actor, params }) => toResource(await revokeApiKey(actor, params.id)),
);
