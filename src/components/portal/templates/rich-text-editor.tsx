"use client";

import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { BoldIcon, Heading2Icon, ItalicIcon, ListIcon, ListOrderedIcon, QuoteIcon, Redo2Icon, Undo2Icon } from "lucide-react";
import { useEffect, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

function ToolButton({ label, active, onClick, children }: { label: string; active?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <Button type="button" size="icon" variant={active ? "secondary" : "ghost"} className="size-8" aria-label={label} aria-pressed={active} title={label} onClick={onClick}>
      {children}
    </Button>
  );
}

/**
 * The email body's editor (TipTap with StarterKit): bold, italic, headings, lists, quotes, links, undo. Its HTML
 * goes out through `onChange`; `onReady` hands over the editor so the variable picker can insert at the cursor.
 */
export function RichTextEditor({ id, value, onChange, onReady, invalid }: { id?: string; value: string; onChange: (html: string) => void; onReady?: (editor: Editor) => void; invalid?: boolean }) {
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: { levels: [1, 2, 3] } })],
    content: value,
    // Next renders this on the server first: TipTap must wait for the client to build its view.
    immediatelyRender: false,
    editorProps: {
      attributes: {
        ...(id ? { id } : {}),
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": "Email body",
        class: "prose-sm min-h-48 max-w-none px-3 py-2 focus:outline-none [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:list-decimal [&_ol]:pl-6 [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_a]:underline [&_p]:my-1",
      },
    },
    onUpdate: ({ editor: e }) => onChange(e.isEmpty ? "" : e.getHTML()),
  });
  useEffect(() => {
    if (editor) onReady?.(editor);
  }, [editor, onReady]);
  // A different template opened: load its HTML (typing never lands here, the editor already holds it).
  useEffect(() => {
    if (editor && value !== editor.getHTML() && !(value === "" && editor.isEmpty)) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  const chain = () => editor!.chain().focus();
  return (
    <div className={cn("rounded-md border bg-background dark:bg-input/30", invalid && "border-destructive")}>
      <div role="toolbar" aria-label="Formatting" className="flex flex-wrap gap-0.5 border-b p-1">
        {editor && (
          <>
            <ToolButton label="Bold" active={editor.isActive("bold")} onClick={() => chain().toggleBold().run()}>
              <BoldIcon />
            </ToolButton>
            <ToolButton label="Italic" active={editor.isActive("italic")} onClick={() => chain().toggleItalic().run()}>
              <ItalicIcon />
            </ToolButton>
            <ToolButton label="Heading" active={editor.isActive("heading", { level: 2 })} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
              <Heading2Icon />
            </ToolButton>
            <ToolButton label="Bulleted list" active={editor.isActive("bulletList")} onClick={() => chain().toggleBulletList().run()}>
              <ListIcon />
            </ToolButton>
            <ToolButton label="Numbered list" active={editor.isActive("orderedList")} onClick={() => chain().toggleOrderedList().run()}>
              <ListOrderedIcon />
            </ToolButton>
            <ToolButton label="Quote" active={editor.isActive("blockquote")} onClick={() => chain().toggleBlockquote().run()}>
              <QuoteIcon />
            </ToolButton>
            <ToolButton label="Undo" onClick={() => chain().undo().run()}>
              <Undo2Icon />
            </ToolButton>
            <ToolButton label="Redo" onClick={() => chain().redo().run()}>
              <Redo2Icon />
            </ToolButton>
          </>
        )}
      </div>
      <EditorContent editor={editor} data-testid="email-body-editor" />
    </div>
  );
}
