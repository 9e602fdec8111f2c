// The HTTP Range header of a media request (RFC 9110 §14): one range of bytes, `a-b`, `a-` or `-n`. Anything
// this server does not serve (several ranges, another unit, bad syntax) is ignored and the whole file is sent,
// as the RFC allows; a well-formed range that starts past the end is unsatisfiable (416).

export type ByteRange = { kind: "full" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

export function parseByteRange(header: string | null | undefined, size: number): ByteRange {
  if (!header) return { kind: "full" };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return { kind: "full" };
  const [, first, last] = m as unknown as [string, string, string];
  if (first === "" && last === "") return { kind: "full" };
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(size - suffix, 0), end: size - 1 };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start) || start >= size) return { kind: "unsatisfiable" };
  if (last === "") return { kind: "partial", start, end: size - 1 };
  const end = Number(last);
  if (end < start) return { kind: "full" }; // syntactically invalid: ignore the header
  return { kind: "partial", start, end: Math.min(end, size - 1) };
}
