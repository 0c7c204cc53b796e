// Enrolment required by the role (decision 022): an admin or chair without two-factor sign-in lands
// here after the password, holding only an "enrol" challenge cookie, not a session, so nothing
// else opens until the first code confirms. Then the session starts and the recovery codes show once.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { Enrolment, RecoveryCodes } from "../components/two-factor.tsx";
import { m } from "../i18n/messages.ts";
import { clearChallengeHeader, readChallenge } from "../auth/challenge.server.ts";
import { sessionCookieHeader } from "../auth/session.server.ts";
import { parseForm } from "../forms/parse.server.ts";
import { EnrolCodeSchema } from "../forms/signin-schemas.ts";
import { confirmEnrolment, loadEnrolmentFor } from "../models/two-factor.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.signin.security.start} – ${m.appName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const challenge = await readChallenge(request, "enrol");
  if (!challenge) throw redirect("/login");
  // pending is null once confirmed (a document POST renders the codes with this loader's answer).
  return { pending: (await loadEnrolmentFor(challenge.userId)).pending };
}

/** The action clears the challenge; a revalidation must not take the recovery codes off the screen. */
export const shouldRevalidate = () => false;

export async function action({ request }: ActionFunctionArgs) {
  const challenge = await readChallenge(request, "enrol");
  if (!challenge) return data({ errors: [m.signin.code.expired], codes: null, next: null }, { status: 401 });
  const submission = await parseForm(request, EnrolCodeSchema);
  if (submission.status !== "success") return data({ errors: [m.signin.code.failed], codes: null, next: null }, { status: 400 });
  const result = await confirmEnrolment(challenge.userId, submission.value.code);
  if (!result.ok && result.reason === "throttled") {
    return data({ errors: [m.signin.code.throttled(result.retryAfterSeconds)], codes: null, next: null }, { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
  }
  if (!result.ok) return data({ errors: [m.signin.code.failed], codes: null, next: null }, { status: 401 });
  // The session starts now; the page stays to show the recovery codes once.
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookieHeader(challenge.userId, request));
  headers.append("Set-Cookie", await clearChallengeHeader(request));
  return data({ errors: null, codes: result.recoveryCodes ?? [], next: challenge.redirectTo }, { headers });
}

export default function RequiredEnrolmentPage() {
  const { pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = m.signin.security;
  return (
    <section className="narrow" aria-labelledby="enrol-title">
      <h1 id="enrol-title">{t.start}</h1>
      {actionData?.codes ? (
        <>
          <RecoveryCodes codes={actionData.codes} />
          <p><Link className="button" to={actionData.next ?? "/"} reloadDocument>{t.continue}</Link></p>
        </>
      ) : (
        <>
          <p>{t.required}</p>
          {pending ? <Enrolment pending={pending} errors={actionData?.errors ?? undefined} /> : null}
        </>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
