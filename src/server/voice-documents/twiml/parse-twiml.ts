// TwiML to the voice document model: every voice verb Twilio documents that IRISX runs, with its attributes typed and
// its defaults filled by the same verb schemas the JSON form uses. The first fault is thrown as a TwimlError carrying
// Twilio's code, the line and column, the verb and the attribute; nothing unknown or unsupported is skipped.
import type { core } from "zod";
import { explainIssues } from "../verbs/keyed-union";
import { MAX_DOCUMENT_VERBS, VERB_SCHEMAS, type TVoiceDocument, type TVoiceVerb, type VerbName } from "../voice-document.schemas";
import { codeFor, TwimlReader, type Origin } from "./twiml-reader";
import { TWIML_ROOT_NOT_RESPONSE, TWIML_SCHEMA_VALIDATION } from "./twiml-error";
import { UNSUPPORTED_VERBS, VERB_RULES } from "./verb-rules";
import { parseXmlTree, type XmlElement, type XmlPosition } from "./xml-tree";

export interface ParsedTwiml {
  document: TVoiceDocument;
  /** Where each verb of the document starts, for a later refusal (a verb that cannot run yet) to point at. */
  positions: XmlPosition[];
}

/** The element and model key an issue of the verb schema points at, found by walking the built input along its path. */
function locate(issue: core.$ZodIssue, input: Record<string, unknown>, origins: Map<object, Origin>): { origin: Origin; key: string | undefined } {
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
  let origin = origins.get(input)!;
  let key: PropertyKey | undefined = path[0];
  let value: unknown = input;
  for (let i = 0; i < path.length; i++) {
    value = value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[path[i]!] : undefined;
    const found = value && typeof value === "object" ? origins.get(value) : undefined;
    if (found) {
      origin = found;
      key = path[i + 1];
    }
  }
  return { origin, key: key === undefined ? undefined : String(key) };
}

function refuse(verb: XmlElement, reader: TwimlReader, issue: core.$ZodIssue, input: Record<string, unknown>): never {
  const { origin, key } = locate(issue, input, reader.origins);
  const { element, rule } = origin;
  if (key !== undefined && key === rule.contentKey) {
    reader.fail(element, codeFor(rule.contentCode, issue.code), `<${element.name}>: ${issue.message}`);
  }
  const attribute = Object.entries(rule.attributes).find(([name, spec]) => (spec.key ?? name) === key);
  if (attribute) {
    const [name, spec] = attribute;
    const raw = element.attributes.find((a) => a.name === name)?.value;
    reader.fail(element, codeFor(spec.code, issue.code), `<${element.name} ${name}="${raw ?? ""}">: ${issue.message}`, name);
  }
  reader.fail(element, TWIML_SCHEMA_VALIDATION, `<${element.name}>${key ? ` ${key}` : ""}: ${issue.message}`);
}

function readVerb(element: XmlElement): TVoiceVerb {
  const reader: TwimlReader = new TwimlReader(element);
  if (UNSUPPORTED_VERBS.has(element.name)) reader.fail(element, TWIML_SCHEMA_VALIDATION, `<${element.name}> is not supported by IRISX`);
  const rule = VERB_RULES[element.name];
  if (!rule) reader.fail(element, TWIML_SCHEMA_VALIDATION, `<${element.name}> is not a TwiML voice verb (TwiML is case-sensitive: <Say>, not <say>)`);
  const input = reader.build(element, rule);
  const verb = Object.keys(input).find((key): key is VerbName => key in VERB_SCHEMAS)!;
  const parsed = VERB_SCHEMAS[verb].safeParse(input);
  if (!parsed.success) refuse(element, reader, explainIssues(parsed.error.issues, input)[0]!, input);
  return parsed.data as TVoiceVerb;
}

/** The document a TwiML <Response> describes; throws TwimlError at the first fault. */
export function parseTwimlDocument(xml: string): ParsedTwiml {
  const root = parseXmlTree(xml);
  const reader: TwimlReader = new TwimlReader(root);
  if (root.name !== "Response") reader.fail(root, TWIML_ROOT_NOT_RESPONSE, `TwiML has no <Response> root: the root element is <${root.name}>`);
  if (root.attributes[0]) reader.fail(root, TWIML_SCHEMA_VALIDATION, `<Response> takes no attributes`, root.attributes[0].name);
  const verbs: TVoiceVerb[] = [];
  const positions: XmlPosition[] = [];
  for (const child of root.children) {
    if (child.kind === "text") {
      if (child.text.trim()) reader.fail(root, TWIML_SCHEMA_VALIDATION, "<Response> takes verbs, not text");
      continue;
    }
    if (verbs.length === MAX_DOCUMENT_VERBS) reader.fail(child, TWIML_SCHEMA_VALIDATION, `a document holds at most ${MAX_DOCUMENT_VERBS} verbs`);
    verbs.push(readVerb(child));
    positions.push({ line: child.line, column: child.column });
  }
  return { document: verbs, positions };
}
