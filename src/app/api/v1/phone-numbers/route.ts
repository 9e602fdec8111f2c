import { createPhoneNumberRoute, listPhoneNumbersRoute } from "@/server/api/v1/phone-numbers";

export const GET = listPhoneNumbersRoute.handle;
export const POST = createPhoneNumberRoute.handle;
