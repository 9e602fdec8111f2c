// TwiML attribute strings to the model's typed values. Only the shape is decided here (a whole number, true/false, a
// list); ranges and allowed values are the verb schemas' to check, so JSON and TwiML are held to the same rules.

export type AttributeKind = "text" | "int" | "bool" | "list" | "method" | "dialRecord" | "speechTimeout";

export type Converted = { ok: true; value: unknown } | { ok: false; reason: string };

export function convertAttribute(kind: AttributeKind, raw: string): Converted {
  const value = raw.trim();
  switch (kind) {
    case "text":
      return { ok: true, value: raw };
    case "int":
      return /^[+-]?\d{1,9}$/.test(value) ? { ok: true, value: Number(value) } : { ok: false, reason: "must be a whole number" };
    case "bool": {
      const lower = value.toLowerCase();
      return lower === "true" || lower === "false" ? { ok: true, value: lower === "true" } : { ok: false, reason: "must be true or false" };
    }
    case "list":
      // Twilio separates event lists and Gather's input with spaces; commas are read the same way.
      return { ok: true, value: value.split(/[\s,]+/).filter(Boolean) };
    case "method":
      return { ok: true, value: value.toUpperCase() };
    case "dialRecord":
      // Dial's record was once true/false; Twilio still reads them as record-from-answer and do-not-record.
      return { ok: true, value: value === "true" ? "record-from-answer" : value === "false" ? "do-not-record" : value };
    case "speechTimeout":
      if (value === "auto") return { ok: true, value };
      return /^\d{1,4}$/.test(value) ? { ok: true, value: Number(value) } : { ok: false, reason: 'must be a whole number of seconds or "auto"' };
  }
}
