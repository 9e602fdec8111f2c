// SMS segment counting (3GPP TS 23.038 / 23.040): a body that fits the GSM 7-bit default alphabet (its extension
// table's characters cost two septets, an escape and the character) is GSM-7, 160 septets in one segment, 153 per
// segment once concatenated (the 6-byte user data header takes 7 septets); anything else is UCS-2, 70 UTF-16 code
// units alone, 67 per concatenated segment. A UTF-16 surrogate pair (an emoji) is never split across segments.

const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION = "\f^{}\\[~]|€";

const BASIC = new Set([...GSM7_BASIC].filter((c) => c !== "\u001b"));
const EXTENSION = new Set([...GSM7_EXTENSION]);

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SmsSegmentation {
  encoding: SmsEncoding;
  numSegments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the body takes. */
  units: number;
  /** What one segment holds for this body: 160/153 or 70/67. */
  unitsPerSegment: number;
}

export const GSM7_SINGLE = 160;
export const GSM7_CONCATENATED = 153;
export const UCS2_SINGLE = 70;
export const UCS2_CONCATENATED = 67;

/** Septets of a GSM-7 body, or null when a character is outside the alphabet and its extension table. */
function gsm7Septets(body: string): number[] | null {
  const out: number[] = [];
  for (const ch of body) {
    if (BASIC.has(ch)) out.push(1);
    else if (EXTENSION.has(ch)) out.push(2);
    else return null;
  }
  return out;
}

/** Packs characters of the given widths into segments of `size`, never splitting one (an escape pair, a surrogate pair). */
function packSegments(widths: number[], size: number): number {
  let segments = 1;
  let used = 0;
  for (const w of widths) {
    if (used + w > size) {
      segments++;
      used = 0;
    }
    used += w;
  }
  return segments;
}

export function countSmsSegments(body: string): SmsSegmentation {
  const septets = gsm7Septets(body);
  if (septets) {
    const units = septets.reduce((a, b) => a + b, 0);
    if (units <= GSM7_SINGLE) return { encoding: "GSM-7", numSegments: 1, units, unitsPerSegment: GSM7_SINGLE };
    return { encoding: "GSM-7", numSegments: packSegments(septets, GSM7_CONCATENATED), units, unitsPerSegment: GSM7_CONCATENATED };
  }
  const widths = [...body].map((ch) => ch.length); // 1 code unit, or 2 for a surrogate pair
  const units = body.length;
  if (units <= UCS2_SINGLE) return { encoding: "UCS-2", numSegments: 1, units, unitsPerSegment: UCS2_SINGLE };
  return { encoding: "UCS-2", numSegments: packSegments(widths, UCS2_CONCATENATED), units, unitsPerSegment: UCS2_CONCATENATED };
}
