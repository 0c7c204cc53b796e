import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, Notice, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { changeName, changePassword } from "../models/users.server.ts";
import { LIMITS } from "../domain/model.ts";
import { parseForm } from "../forms/parse.server.ts";
import { requireUser } from "../auth/permissions.server.ts";
import { PasswordChangeSchema, ProfileNameSchema } from "../forms/schemas.ts";
import { constraintOf } from "../forms/constraints.ts";

export const meta: MetaFunction = () => [{ title: `${m.profile.title} – ${m.appName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, email: user.email, organisation: user.organisation?.name ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseForm(request, (fd) => (fd.get("intent") === "password" ? PasswordChangeSchema : ProfileNameSchema));
  const hideFields = ["currentPassword", "password", "confirm"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }), notice: null }, { status: 400 });
  const input = submission.value;
  if (input.intent === "name") {
    await changeName(user.id, input.name);
    return { result: submission.reply(), notice: m.profile.nameSaved };
  }
  const changed = await changePassword(user.id, user.sessionId, input.currentPassword, input.password);
  if (!changed.ok) {
    return data({ result: submission.reply({ fieldErrors: { currentPassword: [m.profile.wrongPassword] }, hideFields }), notice: null }, { status: 400 });
  }
  return { result: submission.reply({ resetForm: true }), notice: m.profile.passwordSaved };
}

export default function ProfilePage() {
  const { name, email, organisation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastIntent = actionData?.result?.initialValue?.intent;
  const [nameForm, nameFields] = useForm({
    id: "profile-name",
    lastResult: lastIntent === "name" ? actionData?.result : undefined,
    defaultValue: { name },
    constraint: constraintOf(ProfileNameSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileNameSchema }),
    shouldValidate: "onBlur",
  });
  const [pwForm, pwFields] = useForm({
    id: "profile-password",
    lastResult: lastIntent === "password" ? actionData?.result : undefined,
    constraint: constraintOf(PasswordChangeSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordChangeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="narrow">
      <h1>{m.profile.title}</h1>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">{m.profile.account}</h2>
        <p>{m.profile.email}: {email}<br />{m.profile.organisation}: {organisation ?? m.common.none}</p>
        <Form method="post" {...getFormProps(nameForm)}>
          <input type="hidden" name="intent" value="name" />
          <FormErrors id={nameForm.errorId} errors={nameForm.errors} />
          <TextField field={nameFields.name} label={m.profile.name} autoComplete="name" />
          <button type="submit" className="button">{m.profile.saveName}</button>
        </Form>
      </section>
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{m.profile.passwordTitle}</h2>
        <Form method="post" {...getFormProps(pwForm)}>
          <input type="hidden" name="intent" value="password" />
          <FormErrors id={pwForm.errorId} errors={pwForm.errors} />
          <TextField field={pwFields.currentPassword} label={m.profile.currentPassword} type="password" autoComplete="current-password" />
          <TextField field={pwFields.password} label={m.profile.newPassword} type="password" autoComplete="new-password" hint={m.invite.passwordHint(LIMITS.passwordMin)} />
          <TextField field={pwFields.confirm} label={m.profile.confirmPassword} type="password" autoComplete="new-password" />
          <button type="submit" className="button">{m.profile.savePassword}</button>
        </Form>
      </section>
      <p><Link to="/profile/benachrichtigungen">{m.mail.preferences.link}</Link></p>
      <p><Link to="/profile/sicherheit">{m.signin.security.profileLink}</Link></p>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
