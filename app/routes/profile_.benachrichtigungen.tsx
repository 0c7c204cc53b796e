// Notification mail preferences (issue 11): per kind sofort, täglicher/wöchentlicher Überblick or
// aus. Linked from the profile page and from the footer of every notification mail.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { Notice } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { DELIVERY_MODES, MAIL_PREFERENCE_KINDS } from "../domain/mail.ts";
import { parseForm } from "../forms/parse.server.ts";
import { PreferencesSchema } from "../forms/mail-schemas.ts";
import { loadPreferencesPage, savePreferences } from "../models/mail-preferences.server.ts";
import { requireUser } from "../auth/permissions.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.mail.preferences.title} – ${m.appName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { preferences: await loadPreferencesPage(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseForm(request, PreferencesSchema);
  if (submission.status !== "success") return data({ saved: false }, { status: 400 });
  await savePreferences(user.id, submission.value);
  return { saved: true };
}

export default function NotificationPreferencesPage() {
  const { preferences } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = m.mail.preferences;
  return (
    <div className="narrow">
      <p><Link to="/profile">{m.profile.title}</Link></p>
      <h1>{t.title}</h1>
      {actionData?.saved ? <Notice>{t.saved}</Notice> : null}
      <p>{t.intro}</p>
      <Form method="post" className="card">
        {MAIL_PREFERENCE_KINDS.map((kind) => (
          <div className="field" key={kind}>
            <label htmlFor={`pref-${kind}`}>{t.kinds[kind]}</label>
            <select id={`pref-${kind}`} name={kind} defaultValue={preferences[kind]}>
              {DELIVERY_MODES.map((mode) => <option key={mode} value={mode}>{t.modes[mode]}</option>)}
            </select>
          </div>
        ))}
        <button type="submit" className="button">{t.save}</button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
