// Setting a new password through the link from the reset mail (issue 11): works once, for an
// hour; on success every other session ends, the login throttle is cleared and the person is
// signed in.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { LIMITS } from "../domain/model.ts";
import { parseForm } from "../forms/parse.server.ts";
import { ResetPasswordSchema } from "../forms/mail-schemas.ts";
import { completePasswordReset, loadPasswordResetPage } from "../models/password-reset.server.ts";
import { startSession } from "../auth/session.server.ts";
import { toSecondStep } from "../auth/challenge.server.ts";
import { afterPassword } from "../models/auth.server.ts";
import { constraintOf } from "../forms/constraints.ts";

export const meta: MetaFunction = () => [{ title: `${m.mail.reset.title} – ${m.appName}` }, { name: "referrer", content: "no-referrer" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await loadPasswordResetPage(params.token ?? "");
  if (!reset) return data({ email: null }, { status: 410 });
  return { email: reset.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, ResetPasswordSchema);
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirm"] }) }, { status: 400 });
  }
  const done = await completePasswordReset({ token: params.token ?? "", password: submission.value.password, ip: context.clientIp });
  if (!done) return data({ result: submission.reply({ formErrors: [m.mail.reset.invalid], hideFields: ["password", "confirm"] }) }, { status: 410 });
  // A reset proves the mailbox, not the second factor, and not the right to a password sign-in:
  // the person is signed in only as a password sign-in would be (decision 022).
  const next = await afterPassword(done.userId);
  if (next === "sso-required") return redirect("/login");
  return next === "session" ? startSession(done.userId, request, "/") : toSecondStep(request, done.userId, next, "/");
}

export default function ResetPasswordPage() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    constraint: constraintOf(ResetPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  if (!email) {
    return (
      <section className="narrow" aria-labelledby="reset-title">
        <h1 id="reset-title">{m.mail.reset.title}</h1>
        <div className="alert alert-error" role="alert"><p>{m.mail.reset.invalid}</p></div>
        <p><Link to="/password/forgot">{m.mail.reset.again}</Link></p>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{m.mail.reset.title}</h1>
      <p>{m.mail.reset.intro(email)}</p>
      <div className="card">
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
          <TextField field={fields.password} label={m.mail.reset.password} type="password" autoComplete="new-password" hint={m.invite.passwordHint(LIMITS.passwordMin)} />
          <TextField field={fields.confirm} label={m.mail.reset.confirm} type="password" autoComplete="new-password" />
          <button type="submit" className="button">{m.mail.reset.submit}</button>
        </Form>
      </div>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
