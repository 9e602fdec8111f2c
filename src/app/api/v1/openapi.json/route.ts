import { definePublicRoute } from "@/server/api/define-route";
import { getOpenApiDocument } from "@/server/api/openapi";
import { otherMethods } from "@/server/api/unrouted";

// Built at request time: the document's server URL comes from APP_URL, which deployments set at start.
export const dynamic = "force-dynamic";

export const GET = definePublicRoute(() => getOpenApiDocument());

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
