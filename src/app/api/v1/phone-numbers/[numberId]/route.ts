import { getPhoneNumberRoute, releasePhoneNumberRoute, updatePhoneNumberRoute } from "@/server/api/v1/phone-numbers";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getPhoneNumberRoute.handle;
export const POST = updatePhoneNumberRoute.handle;
export const DELETE = releasePhoneNumberRoute.handle;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH } = otherMethods("api", ["GET", "POST", "DELETE"]);
