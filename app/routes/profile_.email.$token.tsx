// The link from the "confirm your new address" mail (issue 12). GET only shows what will happen; the
// button's POST makes the change, so a mail scanner following links changes nothing. Works without
// being signed in: the token (single use, 24 hours) is the proof.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { Notice } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { confirmEmailChange, loadEmailChangePage } from "../models/privacy.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.privacy.email.confirmTitle} – ${m.appName}` }, { name: "referrer", content: "no-referrer" }];

export async function loader({ params }: LoaderFunctionArgs) {
  // A dead link answers 200 with its message: after a successful POST Remix runs this loader again,
  // and a 410 here would replace the action's 200 (the POST itself answers 410 for a dead link).
  const change = await loadEmailChangePage(params.token ?? "");
  return { newEmail: change?.newEmail ?? null };
}

export async function action({ params }: ActionFunctionArgs) {
  const done = await confirmEmailChange(params.token ?? "");
  if (!done) return data({ confirmed: false }, { status: 410 });
  return { confirmed: true };
}

export default function ConfirmEmailPage() {
  const { newEmail } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = m.privacy.email;
  if (actionData?.confirmed) {
    return (
      <div className="narrow">
        <h1>{t.confirmTitle}</h1>
        <Notice>{t.confirmed}</Notice>
        <p><Link to="/profile">{m.profile.title}</Link></p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t.confirmTitle}</h1>
      {!newEmail || actionData?.confirmed === false ? (
        <p role="alert">{t.invalidLink}</p>
      ) : (
        <Form method="post" className="card">
          <p>{t.confirmText(newEmail)}</p>
          <button type="submit" className="button">{t.confirm}</button>
        </Form>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
