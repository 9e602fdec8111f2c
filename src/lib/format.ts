// Display helpers. Amounts stay integers (micro-units) everywhere else; only the label is a decimal.
export function formatMoney(micros: bigint, currency: string): string {
  const whole = micros / 1_000_000n;
  const fraction = Number(micros % 1_000_000n) / 1_000_000;
  return new Intl.NumberFormat("en", { style: "currency", currency }).format(Number(whole) + fraction);
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
