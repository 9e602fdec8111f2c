"use client";
// Renders /api/v1/openapi.json: endpoints grouped by tag, each with its method, scope, parameters, request
// and response schemas, error codes and a curl example. The document is the source; nothing here is hand-kept.
import { useQuery } from "@tanstack/react-query";
import { LockKeyholeIcon } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { InlineCode, SchemaView, typeLabel } from "@/components/portal/api-reference/schema-view";
import type { JsonSchema, OpenApiDocument, Operation } from "@/components/portal/api-reference/openapi-types";

const METHOD_STYLE: Record<string, string> = {
  get: "bg-info/15 text-info border-info/30",
  post: "bg-success/15 text-success border-success/30",
  patch: "bg-warning/20 text-warning-foreground dark:text-warning border-warning/40",
  put: "bg-warning/20 text-warning-foreground dark:text-warning border-warning/40",
  delete: "bg-destructive/15 text-destructive border-destructive/30",
};

interface Endpoint {
  method: string;
  path: string;
  op: Operation;
}

function groupByTag(doc: OpenApiDocument): [string, Endpoint[]][] {
  const groups = new Map<string, Endpoint[]>();
  for (const tag of doc.tags ?? []) groups.set(tag.name, []);
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!op) continue;
      const tag = op.tags?.[0] ?? "Other";
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push({ method, path, op });
    }
  }
  return [...groups.entries()].filter(([, list]) => list.length > 0);
}

const anchor = (op: Operation) => `op-${op.operationId}`;

function MethodBadge({ method, className }: { method: string; className?: string }) {
  return <span className={cn("inline-flex w-16 shrink-0 justify-center rounded border px-1.5 py-0.5 font-mono text-xs font-semibold uppercase", METHOD_STYLE[method], className)}>{method}</span>;
}

function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="relative rounded-md border bg-muted/50">
      <pre className="overflow-x-auto p-3 pr-12 font-mono text-xs leading-relaxed">{code}</pre>
      <CopyButton value={code} label={label} className="absolute right-2 top-2" />
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-2">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">{title}</h4>
      {children}
    </div>
  );
}

function EndpointCard({ endpoint, schemas }: { endpoint: Endpoint; schemas: Record<string, JsonSchema> }) {
  const { method, path, op } = endpoint;
  const params = op.parameters ?? [];
  const body = op.requestBody?.content["application/json"];
  const statuses = Object.keys(op.responses).sort();
  const success = statuses.find((s) => s.startsWith("2"));
  const successBody = success ? op.responses[success]?.content?.["application/json"] : undefined;
  const curl = op["x-codeSamples"]?.find((c) => c.lang === "curl")?.source;

  return (
    <Card id={anchor(op)} className="scroll-mt-20">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <MethodBadge method={method} />
          <code className="break-all font-mono text-sm font-medium">{path}</code>
          {op["x-required-scope"] && (
            <Badge variant="outline" className="ml-auto font-mono" title="API key scope this endpoint needs">
              <LockKeyholeIcon /> {op["x-required-scope"]}
            </Badge>
          )}
        </div>
        <CardTitle className="text-base">{op.summary}</CardTitle>
        {op.description && (
          <CardDescription className="whitespace-pre-line">
            <InlineCode text={op.description.replace(/\n\nRequires the `[^`]+` scope\.$/, "")} />
          </CardDescription>
        )}
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {params.length > 0 && (
          <Section title="Parameters">
            <ul className="divide-y rounded-md border">
              {params.map((p) => (
                <li key={`${p.in}-${p.name}`} className="px-3 py-2">
                  <div className="flex flex-wrap items-baseline gap-x-2">
                    <code className="font-mono text-sm font-medium">{p.name}</code>
                    <span className="text-xs text-muted-foreground">{p.in}</span>
                    <span className="font-mono text-xs text-muted-foreground">{typeLabel(p.schema, schemas)}</span>
                    {p.required && (
                      <Badge variant="warning" className="px-1.5 py-0 text-[10px]">
                        required
                      </Badge>
                    )}
                  </div>
                  {(p.description ?? p.schema?.description) && (
                    <p className="mt-0.5 text-sm text-muted-foreground">
                      <InlineCode text={(p.description ?? p.schema?.description)!} />
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </Section>
        )}
        {body && (
          <Section title="Request body (JSON or form-encoded)">
            <SchemaView schema={body.schema} schemas={schemas} />
          </Section>
        )}
        {success && (
          <Section title={`Response ${success}`}>
            {successBody ? <SchemaView schema={successBody.schema} schemas={schemas} /> : <p className="text-sm text-muted-foreground">No body</p>}
          </Section>
        )}
        <Section title="Errors">
          <ul className="flex flex-col gap-1 text-sm">
            {statuses
              .filter((s) => !s.startsWith("2"))
              .map((s) => (
                <li key={s} className="flex gap-2">
                  <code className="w-10 shrink-0 font-mono text-xs font-semibold">{s}</code>
                  <span className="text-muted-foreground">
                    <InlineCode text={op.responses[s]?.description ?? ""} />
                  </span>
                </li>
              ))}
          </ul>
        </Section>
        {curl && (
          <Section title="Example">
            <CodeBlock code={curl} label="Copy curl command" />
          </Section>
        )}
      </CardContent>
    </Card>
  );
}

function Authentication({ doc }: { doc: OpenApiDocument }) {
  const base = doc.servers?.[0]?.url ?? "";
  return (
    <Card>
      <CardHeader>
        <CardTitle>Authentication</CardTitle>
        <CardDescription>
          Every request carries an API key from{" "}
          <Link href="/settings/api-keys" className="font-medium text-foreground underline-offset-4 hover:underline">
            Settings → API keys
          </Link>
          . Keys are scoped; a request outside the key&apos;s scopes gets 403.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 lg:grid-cols-2">
        <Section title="Bearer token">
          <CodeBlock code={`curl ${base}/api/v1/account \\\n  -H "Authorization: Bearer irx_<key id>_<secret>"`} label="Copy bearer example" />
        </Section>
        <Section title="HTTP Basic (Twilio-style clients)">
          <CodeBlock code={`curl ${base}/api/v1/account \\\n  -u "<key id>:<secret>"`} label="Copy basic example" />
        </Section>
        <ul className="list-disc space-y-1 pl-5 text-sm text-muted-foreground lg:col-span-2">
          <li>
            Errors always look like <code className="font-mono">{`{ "error": { "code", "message", "details" } }`}</code>; validation errors list each failing field in{" "}
            <code className="font-mono">details</code>.
          </li>
          <li>
            Lists take <code className="font-mono">limit</code> and <code className="font-mono">starting_after</code>, and return <code className="font-mono">has_more</code> and{" "}
            <code className="font-mono">next_starting_after</code>.
          </li>
          <li>
            Send an <code className="font-mono">Idempotency-Key</code> header on POST to retry safely: the same key and body return the stored response for 24 hours.
          </li>
          <li>
            Each key has a per-second rate limit; over it you get 429 with <code className="font-mono">Retry-After</code>.
          </li>
        </ul>
      </CardContent>
    </Card>
  );
}

export function ApiReference() {
  const doc = useQuery({
    queryKey: ["openapi", "v1"],
    queryFn: async (): Promise<OpenApiDocument> => {
      const res = await fetch("/api/v1/openapi.json");
      if (!res.ok) throw new Error(`could not load the API description (HTTP ${res.status})`);
      return (await res.json()) as OpenApiDocument;
    },
    staleTime: Infinity,
  });

  const header = (
    <PageHeader
      title="API reference"
      description={doc.data ? `${doc.data.info.title} ${doc.data.info.version} · OpenAPI ${doc.data.openapi}` : "The IRISX REST API"}
      actions={
        <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer" className="text-sm font-medium underline-offset-4 hover:underline">
          openapi.json
        </a>
      }
    />
  );

  if (doc.isPending) {
    return (
      <div className="flex flex-col gap-4">
        {header}
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (doc.isError) {
    return (
      <div className="flex flex-col gap-4">
        {header}
        <p className="text-sm text-destructive">{doc.error.message}</p>
      </div>
    );
  }

  const groups = groupByTag(doc.data);
  const schemas = doc.data.components?.schemas ?? {};
  return (
    <div className="flex flex-col gap-4">
      {header}
      <div className="grid gap-8 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <nav aria-label="Endpoints" className="lg:sticky lg:top-20 lg:self-start">
          <ul className="flex flex-col gap-4 text-sm">
            {groups.map(([tag, endpoints]) => (
              <li key={tag}>
                <a href={`#tag-${tag}`} className="font-semibold">
                  {tag}
                </a>
                <ul className="mt-1 flex flex-col gap-1">
                  {endpoints.map(({ method, op }) => (
                    <li key={op.operationId}>
                      <a href={`#${anchor(op)}`} className="flex items-center gap-2 text-muted-foreground hover:text-foreground">
                        <MethodBadge method={method} className="w-14 text-[10px]" />
                        <span className="truncate">{op.summary}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex min-w-0 flex-col gap-8">
          <Authentication doc={doc.data} />
          {groups.map(([tag, endpoints]) => (
            <section key={tag} id={`tag-${tag}`} className="flex scroll-mt-20 flex-col gap-4">
              <h2 className="text-xl font-semibold tracking-tight">{tag}</h2>
              {endpoints.map((e) => (
                <EndpointCard key={e.op.operationId} endpoint={e} schemas={schemas} />
              ))}
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
