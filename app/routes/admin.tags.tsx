import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, Notice, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { createTag, deleteTag, listTags } from "../models/tags.server.ts";
import { parseForm } from "../forms/parse.server.ts";
import { TagSchema } from "../forms/forum-schemas.ts";
import { requirePlatformPermission } from "../auth/permissions.server.ts";
import { constraintOf } from "../forms/constraints.ts";

const DeleteTagSchema = z.object({ intent: z.literal("delete"), tagId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformPermission(request, "administer");
  return { tags: (await listTags()).map((t) => ({ id: t.id, name: t.name, threads: t._count.threads })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePlatformPermission(request, "administer");
  const submission = await parseForm(request, (fd) => (fd.get("intent") === "delete" ? DeleteTagSchema : TagSchema));
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
  if ("tagId" in submission.value) {
    await deleteTag(admin.id, submission.value.tagId);
    return { result: null, notice: null };
  }
  const result = await createTag(admin.id, submission.value.name);
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: { name: [m.forum.tagExists] } }), notice: null }, { status: 409 });
  return { result: submission.reply({ resetForm: true }), notice: m.forum.tagCreated(result.tag.name) };
}

export default function AdminTagsPage() {
  const { tags } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "tag", lastResult: actionData?.result, constraint: constraintOf(TagSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TagSchema }), shouldValidate: "onBlur",
  });
  return (
    <>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <section aria-labelledby="tags-title">
        <h2 id="tags-title">{m.forum.tagsAdmin}</h2>
        <ul className="plain-list">
          {tags.map((t) => (
            <li key={t.id} className="inline-form">
              {t.name} <span className="muted">({m.forum.results(t.threads)})</span>
              <Form method="post" className="inline-form">
                <input type="hidden" name="tagId" value={t.id} />
                <button type="submit" name="intent" value="delete" className="button small danger" aria-label={`${m.forum.tagRemove}: ${t.name}`}>{m.forum.tagRemove}</button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="tag-new" style={{ marginTop: "1.5rem" }}>
        <h2 id="tag-new">{m.forum.tagAdd}</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.name} label={m.forum.tagName} />
          <button type="submit" className="button">{m.forum.tagAdd}</button>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
