import { definePublicRoute } from "@/server/api/define-route";
import { getOpenApiDocument } from "@/server/api/openapi";

// Built at request time: the document's server URL comes from APP_URL, which deployments set at start.
export const dynamic = "force-dynamic";

export const GET = definePublicRoute(() => getOpenApiDocument());
