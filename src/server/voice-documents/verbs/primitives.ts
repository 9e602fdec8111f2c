// The value types verbs share: URLs a document names (absolute, or relative to the document's own URL as TwiML
// allows), HTTP methods, repeat counts, DTMF keys and callback event lists. Defaults and ranges follow Twilio's
// TwiML reference (twilio.com/docs/voice/twiml); where IRISX bounds what Twilio leaves open, the bound says so.
import { z } from "zod";

/** Twilio's own document is parsed relative to this when it has no URL (inline Twiml, JSON instructions). */
const PLACEHOLDER_BASE = "https://document.invalid/";
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const UNSAFE_URL_CHARACTERS = /[\u0000-\u0020\u007f]/;

/** An absolute http(s) URL, or a reference relative to the document (`/next`, `../menu.xml`, `wait.xml`). */
export function isHttpUrlReference(value: string): boolean {
  if (UNSAFE_URL_CHARACTERS.test(value)) return false;
  try {
    const url = new URL(value, PLACEHOLDER_BASE);
    return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
  } catch {
    return false;
  }
}

/**
 * A platform application (`irisx:flow/<versionId>/<nodeId>`, `irisx:voicemail/<boxId>`), served in-process
 * (src/server/voice-apps/internal-apps.ts), which checks that what it names is the call's tenant's.
 */
export function isPlatformAppUrl(value: string): boolean {
  return /^irisx:[a-z]+\/[A-Za-z0-9_\-./]*(\?[^\s#]*)?$/.test(value);
}

export const ZDocumentUrl = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine((value) => isHttpUrlReference(value) || isPlatformAppUrl(value), {
    message: "must be an http(s) URL, or a URL relative to the document, without credentials (or a platform irisx: application)",
  })
  .meta({ description: "Absolute http(s) URL, or relative to the URL of the document it appears in, or a platform application (irisx:voicemail/<boxId>)" });

/** Where a media stream goes: an absolute ws:// or wss:// URL (Twilio requires wss; ws is for local servers). */
export const ZWebSocketUrl = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine((value) => {
    if (UNSAFE_URL_CHARACTERS.test(value)) return false;
    try {
      const url = new URL(value);
      return (url.protocol === "wss:" || url.protocol === "ws:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, { message: "must be an absolute wss:// (or ws://) URL without credentials" });

export const ZMethod = z.enum(["GET", "POST"]);
/** The HTTP method of a URL attribute; Twilio's default for every one of them is POST. */
export const ZMethodDefaultPost = ZMethod.default("POST");

/** How many times to play: Twilio's `loop`, default 1; 0 repeats until the call ends or the verb is interrupted. */
export const ZLoop = z
  .number()
  .int()
  .min(0)
  .max(1000)
  .default(1)
  .meta({ description: "Times to play, default 1; 0 repeats until the caller hangs up or (inside gather) presses a key" });

/** BCP-47 language tag (`en-US`, `fr-FR`, `cmn-Hans-CN`). */
export const ZLanguageTag = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/, { message: "must be a language tag such as en-US" });

/** One key that ends input: 0-9, # or *, or "" for none (Twilio's Gather finishOnKey). */
export const ZFinishKey = z.string().regex(/^[0-9#*]?$/, { message: "must be one of 0-9, # or *, or empty for none" });

/** Any of these keys ends input (Twilio's Record finishOnKey); "" for none. */
export const ZFinishKeys = z
  .string()
  .regex(/^[0-9#*]{0,12}$/, { message: "must be keys from 0-9, # and *, or empty for none" })
  .refine((keys) => new Set(keys).size === keys.length, { message: "names a key twice" });

/** DTMF to send: 0-9, *, #, and w for a half-second wait (Twilio's Play digits and Number sendDigits). */
export const ZDtmfDigits = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[0-9*#wW]+$/, { message: "must be digits 0-9, * and #, and w for a half-second wait" });

/** A name tenants give a stream or recording, to stop it by later. */
export const ZName = z.string().trim().min(1).max(64);

/** Custom parameters (Twilio's nested <Parameter name value>), passed on as given. */
export const ZParameters = z
  .record(z.string().trim().min(1).max(64), z.string().max(512))
  .refine((p) => Object.keys(p).length <= 20, { message: "at most 20 parameters" });

/** A list of callback events, each at most once, with the default used when the list is absent. */
export function eventList<const T extends readonly [string, ...string[]]>(events: T, fallback: T[number][]) {
  return z
    .array(z.enum(events))
    .max(events.length)
    .refine((list) => new Set(list).size === list.length, { message: "names an event twice" })
    .default(fallback);
}

export const RECORDING_STATUS_EVENTS = ["in-progress", "completed", "absent"] as const;
export const CALL_PROGRESS_EVENTS = ["initiated", "ringing", "answered", "completed"] as const;
export const TRIM = ["trim-silence", "do-not-trim"] as const;
