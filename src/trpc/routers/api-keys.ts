import { z } from "zod";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { findApiKeys } from "@/server/api-keys/find-api-keys";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { API_KEY_ROLE } from "@/server/api-keys/api-key-view";
import { API_KEY_SCOPES, ZApiKeyId, ZCreateApiKeyInput, ZFindApiKeysInput } from "@/server/api-keys/api-keys.schemas";
import { createTRPCRouter, tenantProcedure, secretRevealing } from "@/trpc/init";

const apiKeyAdmin = tenantProcedure(API_KEY_ROLE);

export const apiKeysRouter = createTRPCRouter({
  scopes: apiKeyAdmin.input(z.void()).query(() => Object.entries(API_KEY_SCOPES).map(([scope, description]) => ({ scope, description }))),
  list: apiKeyAdmin.input(ZFindApiKeysInput).query(({ ctx, input }) => findApiKeys(ctx.actor, input)),
  create: apiKeyAdmin.use(secretRevealing).input(ZCreateApiKeyInput).mutation(({ ctx, input }) => createApiKey(ctx.actor, input)),
  revoke: apiKeyAdmin.input(z.object({ id: ZApiKeyId })).mutation(({ ctx, input }) => revokeApiKey(ctx.actor, input.id)),
});
