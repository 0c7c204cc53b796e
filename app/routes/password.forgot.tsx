// "Passwort vergessen": asks for an e-mail address and always answers the same (issue 11). The
// lookup and the mail happen off the request (app/models/password-reset.server.ts).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, Notice, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { actionRetryAfter, parseForm } from "../forms/parse.server.ts";
import { ForgotPasswordSchema } from "../forms/mail-schemas.ts";
import { requestPasswordReset } from "../models/password-reset.server.ts";
import { getSessionUser } from "../auth/session.server.ts";
import { constraintOf } from "../forms/constraints.ts";

export const meta: MetaFunction = () => [{ title: `${m.mail.forgot.title} – ${m.appName}` }];
export const headers = actionRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/profile");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, ForgotPasswordSchema);
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const result = await requestPasswordReset({ email: submission.value.email, ip: context.clientIp });
  if (!result.ok) {
    return data(
      { result: submission.reply({ formErrors: [m.mail.forgot.throttled(result.retrySeconds)] }), sent: false },
      { status: 429, headers: { "Retry-After": String(result.retrySeconds) } },
    );
  }
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: constraintOf(ForgotPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <section className="narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{m.mail.forgot.title}</h1>
      {actionData?.sent ? <Notice>{m.mail.forgot.sent}</Notice> : null}
      <p>{m.mail.forgot.intro}</p>
      <div className="card">
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.email} label={m.mail.forgot.email} type="email" autoComplete="username" />
          <button type="submit" className="button">{m.mail.forgot.submit}</button>
        </Form>
      </div>
      <p><Link to="/login">{m.nav.login}</Link></p>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
