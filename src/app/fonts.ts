import localFont from "next/font/local";

/**
 * Inter (variable weight axis), self-hosted from @fontsource-variable/inter.
 * Apply `inter.variable` to <html> so `--font-sans` (used by Tailwind's
 * `font-sans` and the base body style) resolves to Inter.
 */
export const inter = localFont({
  src: "../../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-sans",
  weight: "100 900",
  style: "normal",
  display: "swap",
  fallback: ["ui-sans-serif", "system-ui", "sans-serif"],
});
