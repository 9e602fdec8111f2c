// Why a TwiML document was refused, in the terms of Twilio's debugger: the code from Twilio's error dictionary
// (twilio.com/docs/api/errors/<code>), the line and column (1-based) of the element or attribute at fault, the verb
// and, when one is at fault, the attribute. Codes used here:
//   12100 Document parse failure (not well-formed XML, or a DOCTYPE, which IRISX never expands)
//   12102 The root element must be Response
//   12200 Schema validation warning: an unknown or unsupported verb, noun, attribute or nested element
//   13xxx / 14xxx the verb-specific codes Twilio defines for an invalid attribute or content (twiml-grammar.ts)

export const TWIML_PARSE_FAILURE = 12100;
export const TWIML_ROOT_NOT_RESPONSE = 12102;
export const TWIML_SCHEMA_VALIDATION = 12200;

export interface TwimlProblem {
  code: number;
  message: string;
  line: number;
  column: number;
  /** The verb at fault, or the verb holding the noun or nested verb at fault (`Dial` for a bad <Number>). */
  verb?: string;
  /** The element at fault when it is not the verb itself (`Number`, `Say` inside `Gather`). */
  element?: string;
  attribute?: string;
}

export class TwimlError extends Error {
  readonly code: number;
  readonly line: number;
  readonly column: number;
  readonly verb?: string;
  readonly element?: string;
  readonly attribute?: string;

  constructor(problem: TwimlProblem) {
    super(`${problem.message} (line ${problem.line}, column ${problem.column})`);
    this.name = "TwimlError";
    this.code = problem.code;
    this.line = problem.line;
    this.column = problem.column;
    this.verb = problem.verb;
    this.element = problem.element;
    this.attribute = problem.attribute;
  }

  /** What the debugger stores. */
  toProblem(): TwimlProblem {
    return {
      code: this.code,
      message: this.message,
      line: this.line,
      column: this.column,
      ...(this.verb ? { verb: this.verb } : {}),
      ...(this.element ? { element: this.element } : {}),
      ...(this.attribute ? { attribute: this.attribute } : {}),
    };
  }
}
