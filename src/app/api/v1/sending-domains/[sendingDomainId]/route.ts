import { deleteSendingDomainRoute, getSendingDomainRoute } from "@/server/api/v1/sending-domains";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getSendingDomainRoute.handle;
export const DELETE = deleteSendingDomainRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH } = otherMethods("api", ["GET", "DELETE"]);
