import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { login, safeRedirect } from "../models/auth.server.ts";
import { parseForm } from "../forms/parse.server.ts";
import { LoginSchema } from "../forms/schemas.ts";
import { getSessionUser, startSession } from "../auth/session.server.ts";
import { constraintOf } from "../forms/constraints.ts";

export const meta: MetaFunction = () => [{ title: `${m.login.title} – ${m.appName}` }];

/** Remix sends an action's headers on a document request only through this export. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, LoginSchema);
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const result = await login({ ...submission.value, ip: context.clientIp });
  if (!result.ok && result.reason === "throttled") {
    return data(
      { result: submission.reply({ formErrors: [m.login.throttled(result.retryAfterSeconds)], hideFields: ["password"] }) },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok) return data({ result: submission.reply({ formErrors: [m.login.failed], hideFields: ["password"] }) }, { status: 401 });
  return startSession(result.userId, request, safeRedirect(submission.value.redirectTo, new URL(request.url).origin));
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: constraintOf(LoginSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="narrow" aria-labelledby="login-title">
      <h1 id="login-title">{m.login.title}</h1>
      <p>{m.login.intro}</p>
      <div className="card">
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
          <TextField field={fields.email} label={m.login.email} type="email" autoComplete="username" />
          <TextField field={fields.password} label={m.login.password} type="password" autoComplete="current-password" />
          <button type="submit" className="button">{m.login.submit}</button>
        </Form>
      </div>
      <p><Link to="/password/forgot">{m.mail.forgot.loginLink}</Link></p>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
