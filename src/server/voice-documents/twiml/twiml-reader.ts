// Reads elements with their rules (the BuildContext of element-rules.ts) and remembers which element each built
// object came from, so a value the verb schema refuses later is reported at its element and attribute.
import { convertAttribute } from "./attribute-values";
import type { BuildContext, ElementRule, ErrorCode } from "./element-rules";
import { findNonSsml, spokenText } from "./spoken-text";
import { TWIML_SCHEMA_VALIDATION, TwimlError } from "./twiml-error";
import type { XmlElement } from "./xml-tree";

export interface Origin {
  element: XmlElement;
  rule: ElementRule;
}

export function codeFor(code: ErrorCode | undefined, issueCode: string): number {
  if (code === undefined) return TWIML_SCHEMA_VALIDATION;
  return typeof code === "number" ? code : code(issueCode);
}

export class TwimlReader implements BuildContext {
  readonly origins = new Map<object, Origin>();

  constructor(private readonly verb: XmlElement) {}

  build(element: XmlElement, rule: ElementRule): Record<string, unknown> {
    const value = rule.build(element, this);
    this.origins.set(value, { element, rule });
    return value;
  }

  attributes(element: XmlElement, rule: ElementRule): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const attribute of element.attributes) {
      const spec = rule.attributes[attribute.name];
      if (!spec) {
        const known = Object.keys(rule.attributes);
        const hint = known.length > 0 ? ` (it takes ${known.join(", ")})` : " (it takes none)";
        this.fail(element, TWIML_SCHEMA_VALIDATION, `<${element.name}> has no attribute ${attribute.name} that IRISX supports${hint}`, attribute.name);
      }
      const converted = convertAttribute(spec.kind, attribute.value);
      if (!converted.ok) this.fail(element, codeFor(spec.code, "invalid_type"), `<${element.name} ${attribute.name}="${attribute.value}">: ${converted.reason}`, attribute.name);
      values[spec.key ?? attribute.name] = converted.value;
    }
    return values;
  }

  text(element: XmlElement): string {
    const nested = element.children.find((c) => c.kind === "element");
    if (nested) this.fail(nested, TWIML_SCHEMA_VALIDATION, `<${nested.name}> is not allowed inside <${element.name}>`);
    return element.children
      .map((c) => (c.kind === "text" ? c.text : ""))
      .join("")
      .trim();
  }

  spoken(element: XmlElement): string {
    const markup = findNonSsml(element);
    if (markup) this.fail(markup, TWIML_SCHEMA_VALIDATION, `<${markup.name}> is not SSML that <Say> supports`);
    return spokenText(element);
  }

  children(element: XmlElement, allowed: Readonly<Record<string, ElementRule>>, nestedCode: number): Record<string, unknown>[] {
    const built: Record<string, unknown>[] = [];
    for (const child of element.children) {
      if (child.kind === "text") {
        if (child.text.trim()) this.fail(element, TWIML_SCHEMA_VALIDATION, `<${element.name}> takes no text, only ${Object.keys(allowed).map((n) => `<${n}>`).join(", ")}`);
        continue;
      }
      const rule = allowed[child.name];
      if (!rule) this.fail(child, nestedCode, `<${child.name}> is not allowed inside <${element.name}> (allowed: ${Object.keys(allowed).map((n) => `<${n}>`).join(", ")})`);
      built.push(this.build(child, rule));
    }
    return built;
  }

  fail(element: XmlElement, code: number, message: string, attribute?: string): never {
    const at = (attribute && element.attributes.find((a) => a.name === attribute)) || element;
    throw new TwimlError({
      code,
      message,
      line: at.line,
      column: at.column,
      verb: this.verb.name,
      ...(element !== this.verb ? { element: element.name } : {}),
      ...(attribute ? { attribute } : {}),
    });
  }
}
