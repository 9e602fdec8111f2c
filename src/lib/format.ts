// Display helpers. Amounts stay integers (micro-units) everywhere else; only the label is a decimal.
export function formatMoney(micros: bigint, currency: string): string {
  const whole = micros / 1_000_000n;
  const fraction = Number(micros % 1_000_000n) / 1_000_000;
  return new Intl.NumberFormat("en", { style: "currency", currency }).format(Number(whole) + fraction);
}

/** A unit price (a message, a minute): up to four decimals, so 0.0079 does not show as 0.01. */
export function formatUnitPrice(micros: bigint, currency: string): string {
  const whole = micros / 1_000_000n;
  const fraction = Number(micros % 1_000_000n) / 1_000_000;
  return new Intl.NumberFormat("en", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(Number(whole) + fraction);
}

export function formatDateTime(date: Date): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(date);
}

export function titleCase(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1).toLowerCase();
}

export function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((part) => part[0]!.toUpperCase()).join("") || "?";
}

/** "5 min ago", "in 2 h", or the date once it is two days away; `none` when there is no date. */
export function formatRelative(date: Date | null, none = "—"): string {
  if (!date) return none;
  const minutes = Math.round((Date.now() - date.getTime()) / 60_000);
  const distance = Math.abs(minutes);
  if (distance < 1) return "just now";
  if (distance >= 48 * 60) return formatDateTime(date);
  const amount = distance < 60 ? `${distance} min` : `${Math.round(distance / 60)} h`;
  return minutes < 0 ? `in ${amount}` : `${amount} ago`;
}

/** "45 seconds", "3 minutes", "2 hours": how long something has been waiting. */
export function describeAge(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds < 60) return plural(Math.max(1, Math.round(seconds)), "second");
  if (seconds < 3600) return plural(Math.round(seconds / 60), "minute");
  return plural(Math.round(seconds / 3600), "hour");
}

/** Micro-units as an exact decimal string with 6 places ("-12.345000"): for CSV, where a float would round. */
export function microsToDecimal(micros: bigint): string {
  const sign = micros < 0n ? "-" : "";
  const abs = micros < 0n ? -micros : micros;
  return `${sign}${abs / 1_000_000n}.${String(abs % 1_000_000n).padStart(6, "0")}`;
}
