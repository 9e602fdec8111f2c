// A union of verb (or noun) objects told apart by the one verb key each carries: `{ say: … }` is a say, `{ dial: … }`
// a dial. zod reports a failed union as one "invalid input" holding every option's issues; explainIssues picks the
// issues of the option the input meant, so an error names the failing field (`1.gather.0.loop`), not the union.
import { z } from "zod";
import type { core } from "zod";

export function keyedUnion<const T extends Record<string, z.ZodType>>(members: T) {
  return z.union(Object.values(members) as [T[keyof T], ...T[keyof T][]]);
}

type Issue = core.$ZodIssue;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/**
 * The issues to report, with every union issue replaced by the issues of the option the input meant: for an object,
 * the option that misses no key (options are strict objects whose only required field is their verb key, so every
 * other option misses its own); for anything else, the option whose type it has.
 */
export function explainIssues(issues: readonly Issue[], root: unknown): Issue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== "invalid_union") return [issue];
    const input = valueAt(root, issue.path);
    const isObject = !!input && typeof input === "object" && !Array.isArray(input);
    const given = isObject ? Object.keys(input) : [];
    const wrongType = (option: readonly Issue[]) => option.some((i) => i.code === "invalid_type" && i.path.length === 0);
    const missesAKey = (option: readonly Issue[]) => option.some((i) => i.path.length === 1 && !given.includes(String(i.path[0])));
    const meant = issue.errors.find((option) => !wrongType(option) && !(isObject && missesAKey(option)));
    if (meant && (!isObject || given.length > 0)) return explainIssues(meant.map((i) => ({ ...i, path: [...issue.path, ...i.path] })), root);
    const keys = issue.errors.map((option) => option.find((i) => i.path.length === 1 && i.code !== "unrecognized_keys")?.path[0]).filter((k) => typeof k === "string");
    const message = keys.length > 0 ? `must be an object with exactly one of the keys ${keys.join(", ")}` : issue.message;
    return [{ code: "custom", path: issue.path, message, input } as Issue];
  });
}
