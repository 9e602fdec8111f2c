// The ringback a caller hears while <Dial> rings (Twilio's ringTone, twilio.com/docs/voice/twiml/dial#ringtone): the
// switch generates it from the `ringback` variable, a TGML tone (%(on ms, off ms, Hz[, Hz]); `;` joins cadences) when
// the called party rings without early media. Cadences and frequencies are each country's (ITU-T E.180 Supplement 2);
// without a ringTone the called number's country is used, as Twilio does, else the North American tone.
import { parsePhoneNumberFromString } from "libphonenumber-js";

const EUROPEAN = "%(1000,4000,425)";
const DOUBLE_400 = "%(400,200,400,450);%(400,2000,400,450)";

export const RING_TONES: Record<string, string> = {
  us: "%(2000,4000,440,480)",
  "us-old": "%(2000,4000,440,480)",
  at: "%(1000,5000,420)",
  au: "%(400,200,383,417);%(400,2000,383,417)",
  be: "%(1000,3000,425)",
  bg: EUROPEAN,
  br: EUROPEAN,
  ch: EUROPEAN,
  cl: "%(1000,3000,400)",
  cn: "%(1000,4000,450)",
  cz: EUROPEAN,
  de: EUROPEAN,
  dk: EUROPEAN,
  ee: EUROPEAN,
  es: "%(1500,3000,425)",
  fi: EUROPEAN,
  fr: "%(1500,3500,440)",
  gr: EUROPEAN,
  hu: "%(1250,3750,425)",
  il: "%(1000,3000,400)",
  in: "%(400,200,375,425);%(400,2000,375,425)",
  it: EUROPEAN,
  jp: "%(1000,2000,416,384)",
  lt: EUROPEAN,
  mx: EUROPEAN,
  my: "%(400,200,425);%(400,2000,425)",
  nl: EUROPEAN,
  no: EUROPEAN,
  nz: DOUBLE_400,
  ph: "%(1000,4000,425,480)",
  pl: EUROPEAN,
  pt: "%(1000,5000,425)",
  ru: "%(800,3200,425)",
  se: "%(1000,5000,425)",
  sg: "%(400,200,425);%(400,2000,425)",
  th: "%(1000,4000,400)",
  tw: "%(1000,2000,440,480)",
  uk: DOUBLE_400,
  ve: EUROPEAN,
  za: "%(400,200,400);%(400,2000,400)",
};

/** The tone for a ringTone value, or null when IRISX has none for it (the dial goes on with the default, reported). */
export function ringToneFor(ringTone: string): string | null {
  return RING_TONES[ringTone.toLowerCase()] ?? null;
}

/** The tone of the country the first dialled number is in; the North American one for SIP URIs and clients. */
export function defaultRingTone(firstNumber: string | null): string {
  const country = firstNumber ? parsePhoneNumberFromString(firstNumber, "US")?.country?.toLowerCase() : undefined;
  const key = country === "gb" ? "uk" : country;
  return (key && RING_TONES[key]) || RING_TONES.us!;
}
