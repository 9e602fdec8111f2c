// Plain, readable mail: one short paragraph, one button-styled link, the raw link repeated for clients that
// strip styles, and a text part that says the same.
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** The page every mail is: a white card on a grey background, the brand on top, `content` (HTML) inside. */
export function emailDocument(content: string): string {
  return `<!doctype html>
<html><body style="margin:0;padding:24px;background:#f6f7f9;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#111827">
<table role="presentation" width="100%" style="max-width:520px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">
<tr><td>
<p style="font-size:18px;font-weight:600;margin:0 0 16px">IRISX</p>
${content}
</td></tr></table>
</body></html>`;
}

export function renderActionEmail(opts: {
  subject: string;
  greeting: string;
  paragraphs: string[];
  actionLabel: string;
  actionUrl: string;
  footnote: string;
}): RenderedEmail {
  const url = escapeHtml(opts.actionUrl);
  const html = emailDocument(`<p style="font-size:15px;line-height:1.5;margin:0 0 12px">${escapeHtml(opts.greeting)}</p>
${opts.paragraphs.map((p) => `<p style="font-size:15px;line-height:1.5;margin:0 0 12px">${escapeHtml(p)}</p>`).join("\n")}
<p style="margin:24px 0"><a href="${url}" style="display:inline-block;background:#111827;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-size:15px">${escapeHtml(opts.actionLabel)}</a></p>
<p style="font-size:13px;line-height:1.5;color:#6b7280;margin:0 0 12px">Or paste this link into your browser:<br><a href="${url}" style="color:#2563eb;word-break:break-all">${url}</a></p>
<p style="font-size:13px;line-height:1.5;color:#6b7280;margin:0">${escapeHtml(opts.footnote)}</p>`);
  const text = [opts.greeting, "", ...opts.paragraphs.flatMap((p) => [p, ""]), `${opts.actionLabel}: ${opts.actionUrl}`, "", opts.footnote].join("\n");
  return { subject: opts.subject, html, text };
}
