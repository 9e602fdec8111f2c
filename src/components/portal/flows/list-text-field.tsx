"use client";

// A list edited as text, one item per line or comma (phrases, opening hours, holidays, answer fields): the text is
// kept as typed and the list updated whenever it parses; what does not parse is named under the field.
import { useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";

interface Props<T> {
  label: string;
  description?: string;
  value: T[];
  format: (items: T[]) => string;
  parse: (text: string) => { items: T[] } | { error: string };
  multiline?: boolean;
  placeholder?: string;
  onChange: (items: T[]) => void;
}

export function ListTextField<T>({ label, description, value, format, parse, multiline, placeholder, onChange }: Props<T>) {
  const [text, setText] = useState(() => format(value));
  const [error, setError] = useState<string | undefined>();
  function change(next: string) {
    setText(next);
    const parsed = parse(next);
    if ("error" in parsed) setError(parsed.error);
    else {
      setError(undefined);
      onChange(parsed.items);
    }
  }
  return (
    <FormField label={label} description={description} error={error}>
      {multiline ? (
        <Textarea value={text} onChange={(e) => change(e.target.value)} placeholder={placeholder} rows={3} />
      ) : (
        <Input value={text} onChange={(e) => change(e.target.value)} placeholder={placeholder} />
      )}
    </FormField>
  );
}
