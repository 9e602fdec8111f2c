// Phone numbers for display only: E.164 stays the stored and submitted form everywhere.
import { parsePhoneNumberFromString } from "libphonenumber-js";

/** "+14155550123" as "+1 415 555 0123"; anything that does not parse is shown as it is. */
export function formatPhoneNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
