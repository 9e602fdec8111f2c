// Collecting a gather's keys from the switch's DTMF events, as Twilio decides when input is complete: finishOnKey ends
// it (the key itself is not part of Digits), numDigits keys end it, and otherwise the timeout after the last key does.
// Pure: the worker feeds keys and asks; timers live in the session (call-session.ts).

export interface DigitRule {
  /** null: no fixed length (finishOnKey or the timeout ends input). */
  numDigits: number | null;
  /** "" when no key finishes input. */
  finishOnKey: string;
}

export type DigitInput = { complete: false } | { complete: true; digits: string; terminator: string | null };

export class DigitCollector {
  private digits = "";

  constructor(private readonly rule: DigitRule) {}

  get collected(): string {
    return this.digits;
  }

  get empty(): boolean {
    return this.digits.length === 0;
  }

  /** One key pressed. */
  press(key: string): DigitInput {
    if (this.rule.finishOnKey !== "" && key === this.rule.finishOnKey) return { complete: true, digits: this.digits, terminator: key };
    this.digits += key;
    if (this.rule.numDigits !== null && this.digits.length >= this.rule.numDigits) return { complete: true, digits: this.digits, terminator: null };
    return { complete: false };
  }
}
