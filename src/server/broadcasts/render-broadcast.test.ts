// The broadcast's markdown as email: the subset renders, every text is escaped, and a variable's value is text in
// its context (never markup, never a link of its own, percent-encoded inside an address).
import { describe, expect, it } from "vitest";
import { ZBroadcastContent } from "@/server/broadcasts/broadcasts.schemas";
import { renderBroadcastEmail } from "@/server/broadcasts/render-broadcast";
import { renderMarkdown } from "@/server/broadcasts/render-markdown";

const to = { email: "pat@example.test", userName: "Pat", tenantName: "Acme" };

describe("broadcast rendering", () => {
  it("renders headings, paragraphs, lists, quotes, rules, emphasis, code and links", () => {
    const html = renderMarkdown(
      ["# Title", "", "Hello **bold** and *it* and _also_ with `code`.", "Second line", "", "- one", "- two", "", "1. first", "2. second", "", "> quoted", "", "---", "", "[Docs](https://irisx.example/docs)"].join("\n"),
      {},
    );
    expect(html).toContain(">Title</h1>");
    expect(html).toMatch(/<p [^>]*>Hello <strong>bold<\/strong> and <em>it<\/em> and <em>also<\/em> with <code [^>]*>code<\/code>\.<br>\nSecond line<\/p>/);
    expect(html).toMatch(/<ul [^>]*><li>one<\/li><li>two<\/li><\/ul>/);
    expect(html).toMatch(/<ol [^>]*><li>first<\/li><li>second<\/li><\/ol>/);
    expect(html).toMatch(/<blockquote [^>]*>quoted<\/blockquote>/);
    expect(html).toContain("<hr ");
    expect(html).toMatch(/<a href="https:\/\/irisx\.example\/docs" [^>]*>Docs<\/a>/);
  });

  it("escapes what the author writes: HTML is shown, never run", () => {
    const html = renderMarkdown(`<script>alert(1)</script> <img src=x onerror=alert(1)> & "quotes"`, {});
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;");
  });

  it("writes links only with http(s) or mailto, checked on the author's text", () => {
    const html = renderMarkdown("[a](javascript:alert(1)) [b](data:text/html,x) [c](mailto:help@irisx.example)", {});
    expect(html).not.toContain('href="javascript');
    expect(html).not.toContain('href="data');
    expect(html).toContain('href="mailto:help@irisx.example"');
    expect(ZBroadcastContent.safeParse({ subject: "Hi", bodyMarkdown: "[a](javascript:alert(1))", segment: {} }).error?.issues[0]?.message).toMatch(/links must start with https:\/\/, http:\/\/ or mailto:/);
  });

  it("fills variables as escaped text, never as markup, and percent-encoded in an address", () => {
    const evil = { email: "o'neil@example.test", userName: "<b>Bob</b>", tenantName: `**[win](javascript:alert(1))** <script>x</script> & "Co"` };
    const mail = renderBroadcastEmail(
      { subject: "News for {{ tenant.name }}", bodyMarkdown: "Hello {{user.name}} of **{{tenant.name}}**\n\n[Your page](https://irisx.example/t?name={{tenant.name}})\n\nWritten to {{user.email}}" },
      evil,
    );
    expect(mail.html).not.toMatch(/<script|<b>Bob|href="javascript/);
    expect(mail.html).toContain("Hello &lt;b&gt;Bob&lt;/b&gt; of <strong>**[win](javascript:alert(1))** &lt;script&gt;x&lt;/script&gt; &amp; &quot;Co&quot;</strong>");
    expect(mail.html).toContain(`href="https://irisx.example/t?name=${encodeURIComponent(evil.tenantName).replace(/'/g, "&#39;")}"`);
    expect(mail.html).toContain("Written to o&#39;neil@example.test");
    // The subject and the text part are plain text: the values as they are.
    expect(mail.subject).toBe(`News for ${evil.tenantName}`);
    expect(mail.text).toContain(`Hello <b>Bob</b> of **${evil.tenantName}**`);
    expect(mail.text).toContain("You get this email because you manage **[win]");
  });

  it("refuses unknown variables and a subject on several lines, naming the field", () => {
    const r = ZBroadcastContent.safeParse({ subject: "Hi {{user.nmae}}", bodyMarkdown: "Hello {{tenant.id}}", segment: {} });
    expect(r.success).toBe(false);
    const byField = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(byField.subject).toBe("unknown variable {{user.nmae}}; use {{tenant.name}}, {{user.name}}, {{user.email}}");
    expect(byField.bodyMarkdown).toMatch(/^unknown variable \{\{tenant\.id\}\}/);
    expect(ZBroadcastContent.safeParse({ subject: "a\nb", bodyMarkdown: "x", segment: {} }).error?.issues[0]).toMatchObject({ path: ["subject"], message: "one line" });
  });

  it("puts the body in the platform's mail layout with a footnote naming the tenant", () => {
    const mail = renderBroadcastEmail({ subject: "Hi", bodyMarkdown: "Body" }, to);
    expect(mail.html).toMatch(/^<!doctype html>/);
    expect(mail.html).toContain("You get this email because you manage Acme on IRISX.");
    expect(mail.text).toBe("Body\n\n--\nYou get this email because you manage Acme on IRISX.\n");
  });
});
