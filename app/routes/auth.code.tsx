// The second sign-in step (decision 022): after the password, the code from the authenticator app
// or a recovery code. Only a valid challenge cookie (app/auth/challenge.server.ts) opens this page;
// the session starts when the code is right. Attempts count against the per-user budget.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors } from "../components/forms.tsx";
import { CodeInput } from "../components/two-factor.tsx";
import { m } from "../i18n/messages.ts";
import { clearChallengeHeader, readChallenge } from "../auth/challenge.server.ts";
import { startSession } from "../auth/session.server.ts";
import { parseForm } from "../forms/parse.server.ts";
import { TwoFactorCodeSchema } from "../forms/signin-schemas.ts";
import { verifySecondFactor } from "../models/two-factor.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.signin.code.title} – ${m.appName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await readChallenge(request, "verify"))) throw redirect("/login");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const challenge = await readChallenge(request, "verify");
  if (!challenge) return data({ errors: [m.signin.code.expired] }, { status: 401 });
  const submission = await parseForm(request, TwoFactorCodeSchema);
  if (submission.status !== "success") return data({ errors: [m.signin.code.failed] }, { status: 400 });
  const result = await verifySecondFactor(challenge.userId, submission.value.code);
  if (!result.ok && result.reason === "throttled") {
    return data({ errors: [m.signin.code.throttled(result.retryAfterSeconds)] }, { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
  }
  if (!result.ok) return data({ errors: [m.signin.code.failed] }, { status: 401 });
  return startSession(challenge.userId, request, challenge.redirectTo, { headers: { "Set-Cookie": await clearChallengeHeader(request) } });
}

export default function TwoFactorCodePage() {
  const actionData = useActionData<typeof action>();
  const t = m.signin.code;
  return (
    <section className="narrow" aria-labelledby="code-title">
      <h1 id="code-title">{t.title}</h1>
      <p>{t.intro}</p>
      <div className="card">
        <Form method="post">
          <FormErrors id="code-errors" errors={actionData?.errors} />
          <CodeInput id="code" />
          <button type="submit" className="button">{t.submit}</button>
        </Form>
      </div>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
