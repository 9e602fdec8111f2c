// What a global search text could be, read once: a Twilio-style sid or its start, an IRISX id (tn_…, usr_…), a
// channel uuid, a phone number written any way, and otherwise free text (names, email addresses, slugs). Each
// searcher asks only the questions it can answer with an index.

import { escapeLike } from "@/server/shared/like-pattern";

/** Twilio-style sids IRISX issues ("AC" + 32 hex and so on). SM/MM are read too, for the messages still to come. */
const SID_PREFIXES = ["AC", "CA", "PN", "AK", "CI", "RE", "SM", "MM"] as const;
export type SidPrefix = (typeof SID_PREFIXES)[number];
const ULID_PREFIXES = ["tn", "usr"] as const;
export type UlidPrefix = (typeof ULID_PREFIXES)[number];

/** The start of an id shorter than this is too vague to look up (thousands of calls share "CA3"). */
const MIN_ID_PREFIX = 4;
const SID_HEX = 32;
const ULID_LENGTH = 26;
/** Trigrams need three characters: shorter text is matched by its start only. */
const MIN_FUZZY = 3;
const MIN_DIGITS = 3;

export interface IdQuery<P extends string> {
  /** "CA", "tn_": the id's type prefix as stored. */
  prefix: P;
  /** The whole id or its start, as stored (sid hex and ULIDs lower-cased). */
  value: string;
  whole: boolean;
}

export interface SearchQuery {
  /** Trimmed, runs of white space made one space. */
  text: string;
  /** The text lower-cased, for lower(column) = text. */
  lower: string;
  /** LIKE patterns (%, _ and \ escaped): the lower-cased text's start (lower(column) LIKE) and any part (ILIKE). */
  prefixPattern: string;
  containsPattern: string;
  /** Long enough for trigram matching (containment, likeness); shorter text matches only by its start. */
  fuzzy: boolean;
  sid: IdQuery<SidPrefix> | null;
  ulid: IdQuery<`${UlidPrefix}_`> | null;
  /** A FreeSWITCH channel uuid, lower-cased. */
  uuid: string | null;
  /** The digits of a phone number written with +, spaces, dots, dashes or brackets (3 or more digits). */
  digits: string | null;
  /** A whole sid, IRISX id or uuid: it names one row, never a name, so free-text matching is skipped (as for digits). */
  wholeId: boolean;
}

function sidOf(text: string): IdQuery<SidPrefix> | null {
  const m = /^([a-z]{2})([0-9a-f]+)$/i.exec(text);
  if (!m) return null;
  const prefix = m[1]!.toUpperCase() as SidPrefix;
  const hex = m[2]!.toLowerCase();
  if (!SID_PREFIXES.includes(prefix) || hex.length < MIN_ID_PREFIX || hex.length > SID_HEX) return null;
  return { prefix, value: prefix + hex, whole: hex.length === SID_HEX };
}

function ulidOf(text: string): IdQuery<`${UlidPrefix}_`> | null {
  const m = /^([a-z]+)_([0-9a-z]+)$/i.exec(text);
  if (!m) return null;
  const prefix = m[1]!.toLowerCase() as UlidPrefix;
  const rest = m[2]!.toLowerCase();
  if (!ULID_PREFIXES.includes(prefix) || rest.length < MIN_ID_PREFIX || rest.length > ULID_LENGTH) return null;
  return { prefix: `${prefix}_`, value: `${prefix}_${rest}`, whole: rest.length === ULID_LENGTH };
}

function digitsOf(text: string): string | null {
  if (!/^\+?[\d\s().-]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, "");
  return digits.length >= MIN_DIGITS ? digits : null;
}

export function parseSearchQuery(raw: string): SearchQuery {
  const text = raw.trim().replace(/\s+/g, " ");
  const lower = text.toLowerCase();
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text) ? text.toLowerCase() : null;
  const sid = sidOf(text);
  const ulid = ulidOf(text);
  return {
    text,
    lower,
    prefixPattern: `${escapeLike(lower)}%`,
    containsPattern: `%${escapeLike(text)}%`,
    fuzzy: text.length >= MIN_FUZZY,
    sid,
    ulid,
    uuid,
    digits: digitsOf(text),
    wholeId: Boolean(sid?.whole || ulid?.whole || uuid),
  };
}

const ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * The ids that start with `prefix` as a range on the id's btree: [prefix, upper). Sids and ULIDs use only digits and
 * letters, which every collation orders alike (digits first, then letters), so the range holds under "C" and under
 * a linguistic collation; callers also test LIKE 'prefix%'. Upper is null when no string of the alphabet follows.
 */
export function idPrefixRange(prefix: string): { lower: string; upper: string | null } {
  const chars = prefix.split("");
  for (let i = chars.length - 1; i >= 0; i--) {
    const at = ID_ALPHABET.indexOf(chars[i]!);
    if (at >= 0 && at < ID_ALPHABET.length - 1) return { lower: prefix, upper: chars.slice(0, i).join("") + ID_ALPHABET[at + 1] };
    if (at < 0) break;
  }
  return { lower: prefix, upper: null };
}
