// FreeSWITCH's expansion of application arguments (switch_channel_expand_variables_check in src/switch_channel.c
// of 1.10.12), which the real switch applies to every application's argument before running it: `${name}` a
// channel variable (its value expanded again), `$${name}` a global, `${api(args)}` or `${api args}` an API call —
// refused here as with the project's api-expansion=false — and the escapes `\$` (a literal `$`), `\\` (one
// backslash) and `\'` (dropped). Only the parts IRISX can meet are modelled; variable offsets (`${x:2:3}`) and
// array indexes are not.
const DENIED = "<API Execute Permission Denied>";

export interface ExpansionScope {
  variable(name: string): string | undefined;
  global(name: string): string | undefined;
}

/** True when FreeSWITCH would run the expander at all (a `${` / `$${`, or an escape sequence). */
function needsExpansion(text: string): boolean {
  return /\$\\*\{/.test(text) || /\\[\\nst']/.test(text);
}

export function expandVariables(text: string, scope: ExpansionScope, depth = 0): string {
  if (depth > 100 || !needsExpansion(text)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\") {
      const next = text[i + 1];
      if (next === "$") {
        // `\$` (or `\$$`): one literal dollar.
        i++;
        if (text[i + 1] === "$") i++;
        out += "$";
        continue;
      }
      if (next === "'") {
        i++;
        continue;
      }
      if (next === "\\") {
        out += "\\";
        i++;
        continue;
      }
      out += c;
      continue;
    }
    if (c !== "$") {
      out += c;
      continue;
    }
    const global = text[i + 1] === "$";
    const open = i + (global ? 2 : 1);
    if (text[open] !== "{") {
      // A `$` (or `$$`) not followed by a brace is one literal `$`.
      out += "$";
      if (global) i++;
      continue;
    }
    // The name runs to the matching brace (nested braces count).
    let depthBraces = 1;
    let end = open + 1;
    for (; end < text.length && depthBraces > 0; end++) {
      if (text[end] === "{") depthBraces++;
      else if (text[end] === "}") depthBraces--;
    }
    const inner = text.slice(open + 1, depthBraces === 0 ? end - 1 : end);
    i = end - 1;
    const call = /^([^\s(]+)(?:\(|\s)/.exec(inner);
    if (call) {
      out += DENIED;
      continue;
    }
    const name = expandVariables(inner, scope, depth + 1);
    // Both forms read the channel's variable first and the global of that name otherwise (switch_channel_get_variable_dup).
    const value = global ? (scope.global(name) ?? scope.variable(name)) : (scope.variable(name) ?? scope.global(name));
    if (value !== undefined) out += expandVariables(value, scope, depth + 1);
  }
  return out;
}
