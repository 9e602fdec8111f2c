// How one TwiML element becomes a verb (or noun) of the model: the attributes it takes (their kind, the model key when
// it differs, Twilio's error code when one is invalid) and how its content is read. Rules only describe; reading an
// element, and refusing what a rule does not allow, is build-context.ts's job.
import type { AttributeKind } from "./attribute-values";
import type { XmlElement } from "./xml-tree";

/** Twilio's code for an invalid value, or one per zod issue code (a queue name too short 14204, too long 14205). */
export type ErrorCode = number | ((issueCode: string) => number);

export interface AttributeRule {
  kind: AttributeKind;
  /** The model's name for it, when not the TwiML name (`<Pause length>` is `pause`). */
  key?: string;
  code?: ErrorCode;
}

export interface BuildContext {
  /** The element's attributes converted and keyed by model name; an attribute the rule does not name is refused. */
  attributes(element: XmlElement, rule: ElementRule): Record<string, unknown>;
  /** The element's text, trimmed; an element inside it is refused. */
  text(element: XmlElement, rule: ElementRule): string;
  /** The words of a <Say> (SSML reduced to its words). */
  spoken(element: XmlElement, rule: ElementRule): string;
  /** The element children, built with the rules allowed here; text other than white space, or another element, is refused. */
  children(element: XmlElement, allowed: Readonly<Record<string, ElementRule>>, nestedCode: number): Record<string, unknown>[];
  /** Refuses the element: `code` and a message, at the element or one of its attributes. */
  fail(element: XmlElement, code: number, message: string, attribute?: string): never;
}

export interface ElementRule {
  attributes: Readonly<Record<string, AttributeRule>>;
  /** Where the element's content goes in the model (`say` for <Say>'s words), so an invalid content is reported on it. */
  contentKey?: string;
  contentCode?: ErrorCode;
  build(element: XmlElement, ctx: BuildContext): Record<string, unknown>;
}

type SimpleContent = "text" | "spoken" | "none";

/**
 * The common shape: `{ [key]: content, ...attributes }`, where content is the element's text, its spoken words, or
 * `true` for an element that takes none (<Hangup/>, <Record/>).
 */
export function simpleRule(key: string, content: SimpleContent, attributes: Readonly<Record<string, AttributeRule>>, contentCode?: ErrorCode): ElementRule {
  const rule: ElementRule = {
    attributes,
    contentKey: key,
    contentCode,
    build(element, ctx) {
      const value = content === "text" ? ctx.text(element, rule) : content === "spoken" ? ctx.spoken(element, rule) : noContent(element, rule, ctx);
      return { [key]: value, ...ctx.attributes(element, rule) };
    },
  };
  return rule;
}

function noContent(element: XmlElement, rule: ElementRule, ctx: BuildContext): true {
  if (ctx.text(element, rule) !== "") ctx.fail(element, 12200, `<${element.name}> takes no content`);
  return true;
}

/** `<Parameter name="…" value="…"/>` children gathered into the model's `parameters` record. */
export const parameterRule: ElementRule = {
  attributes: { name: { kind: "text" }, value: { kind: "text" } },
  build(element, ctx) {
    const { name, value } = ctx.attributes(element, parameterRule);
    const key = typeof name === "string" ? name.trim() : "";
    if (!key) ctx.fail(element, 12200, "<Parameter> needs a name");
    return { parameter: [key, typeof value === "string" ? value : ""] };
  },
};

export function parametersOf(children: Record<string, unknown>[]): Record<string, string> | undefined {
  const entries = children.flatMap((c) => ("parameter" in c ? [c.parameter as [string, string]] : []));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
