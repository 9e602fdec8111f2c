import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { renderTemplate } from "@/server/templates/render-template";

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected renderTemplate to throw");
}

describe("renderTemplate", () => {
  it("fills SMS variables, with spaces inside the braces and a variable used twice", () => {
    const out = renderTemplate({ channel: "SMS", body: "Hi {{ first_name }}, order {{order.id}} ships {{when}}. Bye {{first_name}}!" }, { first_name: "Ada", "order.id": 42, when: "today" });
    expect(out).toEqual({ channel: "SMS", body: "Hi Ada, order 42 ships today. Bye Ada!" });
  });

  it("names every missing variable (not only the first) in a 400 on the variables field", () => {
    const e = thrown(() => renderTemplate({ channel: "SMS", body: "{{a}} {{b}} {{c}}" }, { b: "x", c: null }));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.httpStatus).toBe(400);
    expect(e.message).toBe("variables: missing values for {{a}}, {{c}}");
    expect(e.details).toMatchObject({ fieldErrors: { variables: [expect.stringContaining("{{a}}")] }, missing: ["a", "c"] });
  });

  it("accepts an empty string as a value and ignores extra variables", () => {
    expect(renderTemplate({ channel: "SMS", body: "[{{a}}]" }, { a: "", unused: "z" })).toEqual({ channel: "SMS", body: "[]" });
  });

  it("does not take inherited properties as values", () => {
    const e = thrown(() => renderTemplate({ channel: "SMS", body: "{{constructor}} {{toString}}" }, {}));
    expect(e.details).toMatchObject({ missing: ["constructor", "toString"] });
  });

  it("escapes values in email HTML only; subject and text get them as they are", () => {
    const out = renderTemplate(
      { channel: "EMAIL", subject: "Hello {{name}}", html: "<p>Hello <strong>{{name}}</strong></p>", text: "Hello {{name}}" },
      { name: `Tom & "Jerry" <script>` },
    );
    expect(out).toEqual({
      channel: "EMAIL",
      subject: `Hello Tom & "Jerry" <script>`,
      html: "<p>Hello <strong>Tom &amp; &quot;Jerry&quot; &lt;script&gt;</strong></p>",
      text: `Hello Tom & "Jerry" <script>`,
    });
  });

  it("a missing variable in the email subject alone is reported", () => {
    const e = thrown(() => renderTemplate({ channel: "EMAIL", subject: "Re: {{ticket}}", html: "<p>ok</p>", text: "" }, {}));
    expect(e.message).toBe("variables: missing a value for {{ticket}}");
  });

  it("renders a WhatsApp template to its text and the Cloud API template object (positional parameters in order)", () => {
    const out = renderTemplate(
      {
        channel: "WHATSAPP",
        name: "order_update",
        language: "en_US",
        components: [
          { type: "HEADER", format: "TEXT", text: "Order {{1}}" },
          { type: "BODY", text: "Hi {{1}}, your order {{2}} is {{3}}." },
          { type: "FOOTER", text: "Reply STOP to opt out" },
          { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Track" }] },
        ],
      },
      { 1: "A-17", 2: "B-9", 3: "on its way" },
    );
    expect(out).toEqual({
      channel: "WHATSAPP",
      header: "Order A-17",
      body: "Hi A-17, your order B-9 is on its way.",
      footer: "Reply STOP to opt out",
      template: {
        name: "order_update",
        language: { code: "en_US" },
        components: [
          { type: "header", parameters: [{ type: "text", text: "A-17" }] },
          { type: "body", parameters: [{ type: "text", text: "A-17" }, { type: "text", text: "B-9" }, { type: "text", text: "on its way" }] },
        ],
      },
    });
  });

  it("named WhatsApp parameters carry parameter_name; a template without variables sends no components", () => {
    const named = renderTemplate({ channel: "WHATSAPP", name: "n", language: "en", components: [{ type: "BODY", text: "Hi {{first_name}}" }] }, { first_name: "Ada" });
    expect(named.channel === "WHATSAPP" && named.template.components).toEqual([{ type: "body", parameters: [{ type: "text", parameter_name: "first_name", text: "Ada" }] }]);
    const plain = renderTemplate({ channel: "WHATSAPP", name: "hello_world", language: "en_US", components: [{ type: "BODY", text: "Hello World" }] }, {});
    expect(plain).toMatchObject({ header: null, body: "Hello World", footer: null, template: { components: [] } });
  });
});
