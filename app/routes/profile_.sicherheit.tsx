// Profile → Sicherheit (decision 022): turning two-factor sign-in on (QR code and secret, confirmed
// by one code, then ten recovery codes shown once) and off again (with a code; not while the role
// requires it).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, Notice } from "../components/forms.tsx";
import { CodeInput, Enrolment, RecoveryCodes } from "../components/two-factor.tsx";
import { m } from "../i18n/messages.ts";
import { requireUser } from "../auth/permissions.server.ts";
import { parseForm } from "../forms/parse.server.ts";
import { SecurityActionSchema } from "../forms/signin-schemas.ts";
import { beginEnrolment, confirmEnrolment, disableTwoFactor, loadSecurityPage, mayDisable } from "../models/two-factor.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.signin.security.title} – ${m.appName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadSecurityPage(user);
}

type ActionAnswer = { intent: "begin" | "confirm" | "disable"; errors: string[] | null; codes: string[] | null; disabled: boolean };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseForm(request, SecurityActionSchema);
  if (submission.status !== "success") return data<ActionAnswer>({ intent: "confirm", errors: [m.signin.code.failed], codes: null, disabled: false }, { status: 400 });
  const input = submission.value;
  if (input.intent === "begin") {
    await beginEnrolment(user.id);
    return data<ActionAnswer>({ intent: "begin", errors: null, codes: null, disabled: false });
  }
  if (input.intent === "disable" && !(await mayDisable(user.id))) {
    return data<ActionAnswer>({ intent: "disable", errors: [m.signin.security.cannotDisable], codes: null, disabled: false }, { status: 403 });
  }
  const result = input.intent === "confirm" ? await confirmEnrolment(user.id, input.code) : await disableTwoFactor(user.id, input.code, user.sessionId);
  if (!result.ok) {
    const throttled = result.reason === "throttled";
    return data<ActionAnswer>(
      { intent: input.intent, errors: [throttled ? m.signin.code.throttled(result.retryAfterSeconds) : m.signin.code.failed], codes: null, disabled: false },
      { status: throttled ? 429 : 401, headers: throttled ? { "Retry-After": String(result.retryAfterSeconds) } : undefined },
    );
  }
  return data<ActionAnswer>({ intent: input.intent, errors: null, codes: (result as { recoveryCodes?: string[] }).recoveryCodes ?? null, disabled: input.intent === "disable" });
}

export default function SecurityPage() {
  const state = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = m.signin.security;
  return (
    <div className="narrow">
      <p><Link to="/profile">{m.profile.title}</Link></p>
      <h1>{t.title}</h1>
      <h2>{t.twoFactor}</h2>
      {actionData?.disabled ? <Notice>{t.disabled}</Notice> : null}
      {actionData?.codes ? <RecoveryCodes codes={actionData.codes} /> : null}
      {state.enabled ? (
        <>
          <p>{t.on}</p>
          <p>{t.recoveryLeft(state.recoveryLeft)}</p>
          {state.required ? <p>{t.cannotDisable}</p> : (
            <Form method="post" className="card">
              <h3>{t.disableTitle}</h3>
              <FormErrors id="disable-errors" errors={actionData?.intent === "disable" ? (actionData.errors ?? undefined) : undefined} />
              <input type="hidden" name="intent" value="disable" />
              <p>{t.disableIntro}</p>
              <CodeInput id="disable-code" />
              <button type="submit" className="button">{t.disable}</button>
            </Form>
          )}
        </>
      ) : state.pending ? (
        <Enrolment pending={state.pending} errors={actionData?.intent === "confirm" ? (actionData.errors ?? undefined) : undefined} />
      ) : (
        <>
          <p>{t.off}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="begin" />
            <button type="submit" className="button">{t.start}</button>
          </Form>
        </>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
