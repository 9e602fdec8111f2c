// Flow variables: {{name}} in texts, URLs and numbers; the condition node's comparison; a field of an HTTP step's
// JSON answer by its dotted path. Built in: caller (From), called (To), digits and speech (the last menu input).
import { type CONDITION_OPERATORS } from "./flow-graph";

export type FlowVariables = Record<string, string>;

/** The longest value a variable keeps: variables travel in the call's URLs. */
export const MAX_VARIABLE_LENGTH = 256;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function renderTemplate(text: string, vars: FlowVariables, encode: (value: string) => string = (v) => v): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => encode(Object.hasOwn(vars, name) ? vars[name]! : ""));
}

export function evaluateCondition(condition: { variable: string; operator: (typeof CONDITION_OPERATORS)[number]; value: string }, vars: FlowVariables): boolean {
  const name = condition.variable.replace(/^\{\{\s*|\s*\}\}$/g, "");
  const actual = Object.hasOwn(vars, name) ? vars[name]! : "";
  const expected = renderTemplate(condition.value, vars);
  const numbers = () => [Number(actual), Number(expected)] as const;
  switch (condition.operator) {
    case "equals":
      return actual.trim().toLowerCase() === expected.trim().toLowerCase();
    case "notEquals":
      return actual.trim().toLowerCase() !== expected.trim().toLowerCase();
    case "contains":
      return actual.toLowerCase().includes(expected.toLowerCase());
    case "startsWith":
      return actual.toLowerCase().startsWith(expected.toLowerCase());
    case "greaterThan": {
      const [a, b] = numbers();
      return Number.isFinite(a) && Number.isFinite(b) && a > b;
    }
    case "lessThan": {
      const [a, b] = numbers();
      return Number.isFinite(a) && Number.isFinite(b) && a < b;
    }
    case "isEmpty":
      return actual.trim() === "";
    case "isNotEmpty":
      return actual.trim() !== "";
  }
}

/** `customer.tier` or `items.0.name` of a parsed JSON value, as text; "" when absent. */
export function readJsonPath(value: unknown, path: string): string {
  let current = value;
  for (const key of path.split(".").filter(Boolean)) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return "";
    current = (current as Record<string, unknown>)[key];
  }
  if (current === null || current === undefined) return "";
  const text = typeof current === "object" ? JSON.stringify(current) : String(current);
  return text.slice(0, MAX_VARIABLE_LENGTH);
}
