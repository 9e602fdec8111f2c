// Amounts typed by a person ("25", "-10.50") as the integer micro-units the server takes, as a string (exact).

/** At most two decimals; null when the text is not such an amount (or is negative and `negative` is not allowed). */
export function amountToMicros(text: string, opts: { negative?: boolean } = {}): string | null {
  const m = /^(-?)(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m || (m[1] && !opts.negative)) return null;
  return `${m[1]}${m[2]}${(m[3] ?? "").padEnd(2, "0")}0000`.replace(/^(-?)0+(?=\d)/, "$1");
}
