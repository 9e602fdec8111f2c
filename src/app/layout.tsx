import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { NONCE_HEADER } from "@/lib/nonce";
import { inter } from "@/app/fonts";
import { ThemeProvider } from "@/components/shared/theme-provider";
import { Toaster } from "@/components/ui/sonner";
import { TRPCReactProvider } from "@/trpc/react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "IRISX", template: "%s · IRISX" },
  description: "Open cloud communications and contact-centre platform",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The proxy's per-request nonce (Content-Security-Policy): next-themes' inline script needs it to run. Reading the
  // request makes every page render per request, which a nonce requires anyway.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" className={inter.variable} suppressHydrationWarning>
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <ThemeProvider nonce={nonce}>
          <TRPCReactProvider>{children}</TRPCReactProvider>
          <Toaster />
        </ThemeProvider>
      </body>
    </html>
  );
}
