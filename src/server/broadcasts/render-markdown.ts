// The markdown of a broadcast, as email HTML. A small subset (headings, paragraphs, lists, quotes, rules, bold,
// italic, code, links) parsed from the source and written out element by element: every piece of text is escaped, so
// no HTML of the author's or of a variable's value ever reaches the mail. Variables ({{tenant.name}}) are filled in
// after parsing, in the context they stand in (text: escaped; link address: percent-encoded), so a tenant named
// "**[win](javascript:…)**" shows those characters and never becomes markup or a link.
import { escapeHtml } from "@/server/email/templates/layout";

export type TemplateVariables = Record<string, string>;

const VARIABLE = /\{\{\s*([a-z]+(?:\.[a-z]+)*)\s*\}\}/g;
const LINK_SCHEMES = /^(https?:\/\/|mailto:)/i;
/** [label](target), the target allowed one level of balanced parentheses (as Wikipedia's addresses have). */
const LINK = /\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/;

const STYLE = {
  p: "font-size:15px;line-height:1.5;margin:0 0 12px",
  h1: "font-size:22px;line-height:1.3;font-weight:600;margin:0 0 12px",
  h2: "font-size:18px;line-height:1.3;font-weight:600;margin:16px 0 8px",
  h3: "font-size:16px;line-height:1.3;font-weight:600;margin:16px 0 8px",
  list: "font-size:15px;line-height:1.5;margin:0 0 12px;padding-left:24px",
  quote: "margin:0 0 12px;padding:0 0 0 12px;border-left:3px solid #e5e7eb;color:#4b5563;font-size:15px;line-height:1.5",
  code: "font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px;background:#f3f4f6;border-radius:4px;padding:1px 4px",
  a: "color:#2563eb",
  hr: "border:none;border-top:1px solid #e5e7eb;margin:20px 0",
} as const;

/** The variable names a template uses, in order of first use. */
export function variablesIn(template: string): string[] {
  return [...new Set([...template.matchAll(VARIABLE)].map((m) => m[1]!))];
}

/** Fills variables with their raw values (plain text: the subject, the text part). Unknown names stay as written. */
export function fillText(template: string, vars: TemplateVariables): string {
  return template.replace(VARIABLE, (whole, name: string) => vars[name] ?? whole);
}

const fillHtml = (raw: string, vars: TemplateVariables) => escapeHtml(fillText(raw, vars));

/** Link targets the renderer writes as links (the scheme is the author's, never a variable's). */
export function isAllowedLinkTarget(url: string): boolean {
  return LINK_SCHEMES.test(url.trim());
}

// ---- inline ----------------------------------------------------------------------------------------------
// Each rule matches at the current position (sticky). Text between matches is plain text.
const INLINE: { re: RegExp; render: (m: RegExpExecArray, vars: TemplateVariables) => string }[] = [
  { re: /`([^`\n]+)`/y, render: (m, vars) => `<code style="${STYLE.code}">${fillHtml(m[1]!, vars)}</code>` },
  {
    re: new RegExp(LINK.source, "y"),
    render: (m, vars) => {
      const [, label, target] = m as unknown as [string, string, string];
      // Only the schemes allowed, checked on what the author wrote; a value filled into the address is encoded.
      if (!isAllowedLinkTarget(target)) return fillHtml(m[0], vars);
      const href = target.replace(VARIABLE, (whole, name: string) => (vars[name] === undefined ? whole : encodeURIComponent(vars[name])));
      return `<a href="${escapeHtml(href)}" style="${STYLE.a}">${renderInline(label, vars)}</a>`;
    },
  },
  { re: /\*\*(?=\S)([^\n]*?\S)\*\*/y, render: (m, vars) => `<strong>${renderInline(m[1]!, vars)}</strong>` },
  { re: /\*(?=\S)([^*\n]*?\S)\*/y, render: (m, vars) => `<em>${renderInline(m[1]!, vars)}</em>` },
  { re: /(?<![A-Za-z0-9])_(?=\S)([^_\n]*?\S)_(?![A-Za-z0-9])/y, render: (m, vars) => `<em>${renderInline(m[1]!, vars)}</em>` },
];

function renderInline(source: string, vars: TemplateVariables): string {
  let out = "";
  let plain = "";
  let i = 0;
  outer: while (i < source.length) {
    for (const rule of INLINE) {
      rule.re.lastIndex = i;
      const m = rule.re.exec(source);
      if (m) {
        // Read before rendering: rendering the inside runs these same regexes.
        i = rule.re.lastIndex;
        out += fillHtml(plain, vars) + rule.render(m, vars);
        plain = "";
        continue outer;
      }
    }
    plain += source[i];
    i++;
  }
  return out + fillHtml(plain, vars);
}

// ---- blocks ----------------------------------------------------------------------------------------------
type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; lines: string[] }
  | { kind: "quote"; lines: string[] }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "rule" };

const HEADING = /^(#{1,3})\s+(.*)$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const last = () => blocks.at(-1);
  let open = false; // whether the last block takes more lines (no blank line since)
  for (const raw of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/\s+$/, "");
    if (line.trim() === "") {
      open = false;
      continue;
    }
    let m: RegExpExecArray | null;
    const prev = open ? last() : undefined;
    if (RULE.test(line)) {
      blocks.push({ kind: "rule" });
      open = false;
    } else if ((m = HEADING.exec(line))) {
      blocks.push({ kind: "heading", level: m[1]!.length as 1 | 2 | 3, text: m[2]! });
      open = false;
    } else if ((m = BULLET.exec(line)) || (m = NUMBERED.exec(line))) {
      const ordered = NUMBERED.test(line) && !BULLET.test(line);
      if (prev?.kind === "list" && prev.ordered === ordered) prev.items.push(m[1]!);
      else blocks.push({ kind: "list", ordered, items: [m[1]!] });
      open = true;
    } else if ((m = QUOTE.exec(line))) {
      if (prev?.kind === "quote") prev.lines.push(m[1]!);
      else blocks.push({ kind: "quote", lines: [m[1]!] });
      open = true;
    } else if (prev?.kind === "paragraph" || prev?.kind === "quote") {
      prev.lines.push(line.trim());
    } else if (prev?.kind === "list") {
      // A continuation line of the last item.
      prev.items[prev.items.length - 1] += ` ${line.trim()}`;
    } else {
      blocks.push({ kind: "paragraph", lines: [line.trim()] });
      open = true;
    }
  }
  return blocks;
}

function renderBlock(block: Block, vars: TemplateVariables): string {
  const lines = (ls: string[]) => ls.map((l) => renderInline(l, vars)).join("<br>\n");
  switch (block.kind) {
    case "heading":
      return `<h${block.level} style="${STYLE[`h${block.level}`]}">${renderInline(block.text, vars)}</h${block.level}>`;
    case "paragraph":
      return `<p style="${STYLE.p}">${lines(block.lines)}</p>`;
    case "quote":
      return `<blockquote style="${STYLE.quote}">${lines(block.lines)}</blockquote>`;
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      return `<${tag} style="${STYLE.list}">${block.items.map((item) => `<li>${renderInline(item, vars)}</li>`).join("")}</${tag}>`;
    }
    case "rule":
      return `<hr style="${STYLE.hr}">`;
  }
}

/** The body as email HTML, every text escaped and every variable filled in its context. */
export function renderMarkdown(markdown: string, vars: TemplateVariables): string {
  return parseBlocks(markdown)
    .map((b) => renderBlock(b, vars))
    .join("\n");
}

/** Links the renderer would write as text because of their scheme (javascript:, data:, relative…): the author is told. */
export function disallowedLinks(markdown: string): string[] {
  return [...markdown.matchAll(new RegExp(LINK.source, "g"))].map((m) => m[2]!).filter((target) => !isAllowedLinkTarget(target));
}
