"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A filter's text box: what is typed shows at once and is applied (`apply`) when typing pauses, not on every key;
 * a new `value` from outside (the address changed) replaces the text.
 */
export function useDebouncedField(value: string, apply: (text: string) => void, ms = 400): [string, (text: string) => void] {
  const [text, setText] = useState(value);
  // The latest `apply`, so a caller's inline function does not restart the wait on every render.
  const applyRef = useRef(apply);
  useEffect(() => {
    applyRef.current = apply;
  });
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => applyRef.current(text), ms);
    return () => clearTimeout(t);
  }, [text, value, ms]);
  return [text, setText];
}
