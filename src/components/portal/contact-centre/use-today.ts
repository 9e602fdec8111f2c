"use client";

import { useState } from "react";

/** The viewer's local midnight, fixed for the page's life (a stable query key). */
export function useLocalMidnight(): Date {
  const [midnight] = useState(() => {
    const d = new Date();
    d.setHours(0, 0, 0, 0);
    return d;
  });
  return midnight;
}
