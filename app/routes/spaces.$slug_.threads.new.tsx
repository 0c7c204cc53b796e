import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FieldErrors, FormErrors, SelectField, TextField } from "../components/forms.tsx";
import { RichTextEditor } from "../components/rich-text-editor.tsx";
import { m } from "../i18n/messages.ts";
import { bodyErrorMessage, createThread, parsePostBody } from "../models/forum.server.ts";
import { consumeRateLimit } from "../models/rate-limit.server.ts";
import { listTags } from "../models/tags.server.ts";
import { LAENDER_NAMES, TARGET_GROUPS, THREAD_KINDS, type SpaceVisibility } from "../domain/model.ts";
import { actionRetryAfter, parseForm, retryAfter } from "../forms/parse.server.ts";
import { NewThreadSchema } from "../forms/forum-schemas.ts";
import { can } from "../domain/permissions.ts";
import { requireSpacePermission } from "../auth/permissions.server.ts";
import { constraintOf } from "../forms/constraints.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${m.forum.newThread}: ${data?.space.name ?? ""} – ${m.appName}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, space, resource } = await requireSpacePermission(request, params.slug ?? "", "create-thread");
  const url = new URL(request.url);
  return {
    space: { slug: space.slug, name: space.name },
    kinds: THREAD_KINDS.filter((k) => k !== "announcement" || can(user, "moderate", resource)),
    tags: (await listTags()).map((t) => ({ id: t.id, name: t.name })),
    defaultKind: THREAD_KINDS.includes(url.searchParams.get("kind") as never) ? url.searchParams.get("kind")! : "discussion",
  };
}

/** A refused write (429) tells the browser when to retry. */
export const headers = actionRetryAfter;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, space, resource } = await requireSpacePermission(request, params.slug ?? "", "create-thread");
  const submission = await parseForm(request, NewThreadSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const input = submission.value;
  if (input.kind === "announcement" && !can(user, "moderate", resource)) {
    return data({ result: submission.reply({ fieldErrors: { kind: [m.forum.announcementsOnlyChairs] } }) }, { status: 403 });
  }
  const body = parsePostBody(input.body);
  if (!body.ok) return data({ result: submission.reply({ fieldErrors: { body: [bodyErrorMessage(body.error)] } }) }, { status: 400 });
  const laender = input.laender.filter((code) => code in LAENDER_NAMES);
  const limit = await consumeRateLimit(user.id, "post");
  if (!limit.ok) return data({ result: submission.reply({ formErrors: [m.forum.rateLimited(limit.retrySeconds)] }) }, { status: 429, headers: retryAfter(limit) });
  const { threadId } = await createThread(user.id, { id: space.id, visibility: space.visibility as SpaceVisibility }, {
    title: input.title, kind: input.kind, body, tagIds: input.tags,
    bestPractice: input.kind === "best-practice" ? { ...input, laender } : undefined,
  });
  return redirect(`/threads/${threadId}`);
}

export default function NewThreadPage() {
  const { space, kinds, tags, defaultKind } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-thread",
    lastResult: actionData?.result,
    defaultValue: { kind: defaultKind },
    constraint: constraintOf(NewThreadSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewThreadSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [kind, setKind] = useState(String(fields.kind.initialValue ?? defaultKind));
  // Without JavaScript the kind chooser cannot reveal fields, so the server render always includes the
  // best-practice fields (with a note); once hydrated they follow the chosen kind.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const initial = (fields.body.initialValue as string | undefined) ?? "";
  const initialIsJson = initial.trim().startsWith("{");
  const chosen = (value: unknown) => new Set(Array.isArray(value) ? value : value ? [value] : []);
  const chosenTags = chosen(fields.tags.initialValue);
  const chosenLaender = chosen(fields.laender.initialValue);
  const chosenGroups = chosen(fields.targetGroups.initialValue);
  return (
    <>
      <p><Link to={`/spaces/${space.slug}`}>← {space.name}</Link></p>
      <h1>{m.forum.newThread}</h1>
      <div className="card">
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField field={fields.kind} label={m.forum.kindLabel} options={kinds.map((k) => ({ value: k, label: m.forum.kind[k] }))} onChange={(e) => setKind(e.currentTarget.value)} />
          <TextField field={fields.title} label={m.forum.title} />
          <RichTextEditor id={fields.body.id} label={m.forum.body} errorId={fields.body.errorId} invalid={!!fields.body.errors}
            defaultText={initialIsJson ? "" : initial} defaultJson={initialIsJson ? initial : undefined} mentionSource={`/spaces/${space.slug}/mentions`} />
          <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
          <fieldset className="checkbox-group">
            <legend>{m.forum.tags}</legend>
            {tags.map((t) => (
              <label key={t.id}><input type="checkbox" name="tags" value={t.id} defaultChecked={chosenTags.has(t.id)} /> {t.name}</label>
            ))}
            <FieldErrors id={fields.tags.errorId} errors={fields.tags.errors} />
          </fieldset>
          {kind === "best-practice" || !hydrated ? (
            <fieldset className="card-inset">
              <legend>{m.forum.bestPracticeFields}</legend>
              {kind !== "best-practice" ? <p className="hint">{m.forum.bestPracticeFieldsOnly}</p> : null}
              <fieldset className="checkbox-group">
                <legend>{m.forum.laender}</legend>
                {Object.entries(LAENDER_NAMES).map(([code, name]) => (
                  <label key={code}><input type="checkbox" name="laender" value={code} defaultChecked={chosenLaender.has(code)} /> {name}</label>
                ))}
                <FieldErrors id={fields.laender.errorId} errors={fields.laender.errors} />
              </fieldset>
              <fieldset className="checkbox-group">
                <legend>{m.forum.targetGroups}</legend>
                {TARGET_GROUPS.map((g) => (
                  <label key={g}><input type="checkbox" name="targetGroups" value={g} defaultChecked={chosenGroups.has(g)} /> {m.forum.targetGroup[g]}</label>
                ))}
              </fieldset>
              <TextField field={fields.duration} label={m.forum.duration} />
              <TextField field={fields.funding} label={m.forum.funding} />
              <TextField field={fields.contact} label={m.forum.contact} />
              <TextField field={fields.link} label={m.forum.link} type="url" />
              <TextField field={fields.impact} label={m.forum.impact} />
            </fieldset>
          ) : null}
          <button type="submit" className="button">{m.forum.submitThread}</button>
        </Form>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
