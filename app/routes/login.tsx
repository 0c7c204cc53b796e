// The sign-in page: e-mail and password (behind the login throttle), a link to sign in through the
// identity provider when one is configured, and the hand-over to the second step when the account
// has two-factor sign-in on or its role requires it (decision 022). A password sign-in is refused
// when SSO is required, except for the break-glass admin.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { afterPassword, login, safeRedirect } from "../models/auth.server.ts";
import { parseForm } from "../forms/parse.server.ts";
import { LoginSchema } from "../forms/schemas.ts";
import { getSessionUser, startSession } from "../auth/session.server.ts";
import { toSecondStep } from "../auth/challenge.server.ts";
import { oidcEnabled, oidcName } from "../auth/oidc.server.ts";
import { passwordSignInAllowed } from "../models/settings.server.ts";
import { constraintOf } from "../forms/constraints.ts";

export const meta: MetaFunction = () => [{ title: `${m.login.title} – ${m.appName}` }];

/** Remix sends an action's headers on a document request only through this export. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return { oidc: oidcEnabled() ? { name: oidcName() } : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, LoginSchema);
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  // SSO required: refused before the password is looked at, the same for every address.
  if (!(await passwordSignInAllowed(submission.value.email))) {
    return data({ result: submission.reply({ formErrors: [m.signin.oidc.ssoRequired(oidcName())], hideFields: ["password"] }) }, { status: 403 });
  }
  const result = await login({ ...submission.value, ip: context.clientIp });
  if (!result.ok && result.reason === "throttled") {
    return data(
      { result: submission.reply({ formErrors: [m.login.throttled(result.retryAfterSeconds)], hideFields: ["password"] }) },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok) return data({ result: submission.reply({ formErrors: [m.login.failed], hideFields: ["password"] }) }, { status: 401 });
  const redirectTo = safeRedirect(submission.value.redirectTo, new URL(request.url).origin);
  const next = await afterPassword(result.userId);
  // The break-glass address signs in with a password only as long as it is an admin's.
  if (next === "sso-required") {
    return data({ result: submission.reply({ formErrors: [m.signin.oidc.ssoRequired(oidcName())], hideFields: ["password"] }) }, { status: 403 });
  }
  if (next === "session") return startSession(result.userId, request, redirectTo);
  return toSecondStep(request, result.userId, next, redirectTo);
}

export default function LoginPage() {
  const { oidc } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "/";
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
      {oidc ? (
        <>
          {/* A link, not a button: starting the sign-in is a plain GET to /auth/oidc. */}
          <p><a className="button" href={`/auth/oidc?${new URLSearchParams({ redirectTo })}`}>{m.signin.oidc.button(oidc.name)}</a></p>
          <p>{m.signin.oidc.or}</p>
        </>
      ) : <p>{m.login.intro}</p>}
      <div className="card">
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
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
