/** `{{ name }}`: letters, digits, `_` and `.` (WhatsApp's positional `{{1}}` too); spaces inside the braces are allowed. */
export const VARIABLE_PATTERN = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

/** The variable names the texts use, each once, in order of first use. */
export function templateVariables(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(VARIABLE_PATTERN)) seen.add(m[1]!);
  return [...seen];
}
