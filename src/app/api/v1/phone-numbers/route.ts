import { createPhoneNumberRoute, listPhoneNumbersRoute } from "@/server/api/v1/phone-numbers";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listPhoneNumbersRoute.handle;
export const POST = createPhoneNumberRoute.handle;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("api", ["GET", "POST"]);
