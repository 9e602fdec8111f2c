import { createSendingDomainRoute, listSendingDomainsRoute } from "@/server/api/v1/sending-domains";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listSendingDomainsRoute.handle;
export const POST = createSendingDomainRoute.handle;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("api", ["GET", "POST"]);
