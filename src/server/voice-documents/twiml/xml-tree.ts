// XML text to a tree of elements that know where they stand (1-based line and column of the element's `<` and of each
// attribute's name), read with saxes, a conformant XML 1.0 parser. A DOCTYPE is refused: TwiML needs none, and
// refusing it means no entity of the tenant's is ever expanded (only the five predefined ones are decoded).
import { SaxesParser } from "saxes";
import { TWIML_PARSE_FAILURE, TwimlError } from "./twiml-error";

export interface XmlPosition {
  line: number;
  column: number;
}

export interface XmlAttribute extends XmlPosition {
  name: string;
  value: string;
}

export interface XmlElement extends XmlPosition {
  kind: "element";
  name: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
}

export interface XmlText {
  kind: "text";
  text: string;
}

export type XmlNode = XmlElement | XmlText;

const MAX_DEPTH = 16;
const MAX_ELEMENTS = 2000;

/** Line and column of each offset of `source`. */
function positionsOf(source: string): (offset: number) => XmlPosition {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") lineStarts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
}

/** Offsets of each attribute name inside a start tag that saxes found well-formed (`<Say voice="a" loop='2'>`). */
function attributeOffsets(tag: string, tagStart: number): Map<string, number> {
  const offsets = new Map<string, number>();
  const pattern = /\s([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/g;
  for (const match of tag.matchAll(pattern)) offsets.set(match[1]!, tagStart + match.index + 1);
  return offsets;
}

function parseFailure(message: string, at: XmlPosition): TwimlError {
  return new TwimlError({ code: TWIML_PARSE_FAILURE, message: `TwiML is not well-formed XML: ${message}`, ...at });
}

/** The document's root element; throws TwimlError (12100) naming the line and column of the first fault. */
export function parseXmlTree(source: string): XmlElement {
  const at = positionsOf(source);
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let elements = 0;
  let failure: TwimlError | undefined;
  const fail = (error: TwimlError) => {
    failure ??= error;
  };

  // saxes counts columns from 1 and prefixes its messages with them; the position is kept, the prefix dropped.
  parser.on("error", (err) => fail(parseFailure(err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, ""), { line: parser.line, column: parser.column })));
  parser.on("doctype", () => fail(parseFailure("a DOCTYPE is not allowed in TwiML", at(Math.max(0, source.indexOf("<!DOCTYPE"))))));
  parser.on("opentag", (tag) => {
    // `<` cannot appear inside an attribute value, so the last one before the tag's end is the tag's own.
    const tagEnd = parser.position;
    const start = source.lastIndexOf("<", tagEnd - 1);
    const offsets = attributeOffsets(source.slice(start, tagEnd), start);
    const element: XmlElement = {
      kind: "element",
      name: tag.name,
      attributes: Object.entries(tag.attributes).map(([name, value]) => ({ name, value: String(value), ...at(offsets.get(name) ?? start) })),
      children: [],
      ...at(start),
    };
    if (++elements > MAX_ELEMENTS) fail(parseFailure(`more than ${MAX_ELEMENTS} elements`, at(start)));
    if (stack.length >= MAX_DEPTH) fail(parseFailure(`elements nested deeper than ${MAX_DEPTH}`, at(start)));
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on("closetag", () => void stack.pop());
  const addText = (text: string) => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    const last = parent.children[parent.children.length - 1];
    if (last?.kind === "text") last.text += text;
    else parent.children.push({ kind: "text", text });
  };
  parser.on("text", addText);
  parser.on("cdata", addText);

  try {
    parser.write(source).close();
  } catch (err) {
    fail(parseFailure(err instanceof Error ? err.message : String(err), { line: parser.line, column: parser.column }));
  }
  if (failure) throw failure;
  if (!root) throw parseFailure("the document has no root element", { line: 1, column: 1 });
  return root;
}
