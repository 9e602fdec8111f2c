import { searchAvailablePhoneNumbersRoute } from "@/server/api/v1/phone-numbers";
import { otherMethods } from "@/server/api/unrouted";

export const GET = searchAvailablePhoneNumbersRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
