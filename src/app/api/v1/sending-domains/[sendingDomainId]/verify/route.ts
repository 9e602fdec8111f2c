import { verifySendingDomainRoute } from "@/server/api/v1/sending-domains";
import { otherMethods } from "@/server/api/unrouted";

export const POST = verifySendingDomainRoute.handle;

// Any other method: a JSON 405 naming these.
export const { GET, PUT, PATCH, DELETE } = otherMethods("api", ["POST"]);
