// The RFC 5322 addr-spec subset real mail uses: a dot-atom local part (no quoted strings, no comments) and a
// domain of LDH labels (no IP literals). Limits from RFC 5321 §4.5.3.1: local part 64 octets, path 256 → 254.
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export type ParsedEmailAddress = { ok: true; localPart: string; domain: string } | { ok: false; problem: string };

export function parseEmailAddress(raw: string): ParsedEmailAddress {
  const address = raw.trim();
  if (address.length === 0) return { ok: false, problem: "the address is empty" };
  if (address.length > 254) return { ok: false, problem: "longer than 254 characters" };
  const at = address.lastIndexOf("@");
  if (at === -1) return { ok: false, problem: "no @" };
  const localPart = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase().replace(/\.$/, "");
  if (!localPart) return { ok: false, problem: "nothing before the @" };
  if (localPart.length > 64) return { ok: false, problem: "the part before the @ is longer than 64 characters" };
  if (localPart.startsWith('"')) return { ok: false, problem: "quoted local parts are not accepted" };
  const atoms = localPart.split(".");
  if (atoms.some((a) => a === "")) return { ok: false, problem: "a dot at the start or end of the local part, or two in a row" };
  if (!atoms.every((a) => ATEXT.test(a))) return { ok: false, problem: "a character not allowed in the local part (spaces, @, commas, brackets…)" };
  if (!domain) return { ok: false, problem: "nothing after the @" };
  if (domain.startsWith("[")) return { ok: false, problem: "address literals ([IP]) are not accepted" };
  const labels = domain.split(".");
  if (labels.length < 2) return { ok: false, problem: "the domain needs a dot (example.com)" };
  if (!labels.every((l) => LABEL.test(l))) return { ok: false, problem: "the domain is not a valid host name" };
  if (/^\d+$/.test(labels.at(-1)!)) return { ok: false, problem: "the domain's last label is all digits" };
  return { ok: true, localPart, domain };
}
