// Verwaltung → Einstellungen (decision 022): require sign-in through the identity provider (all but
// the break-glass admin, BREAK_GLASS_ADMIN), and require two-factor sign-in for admins and chairs.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { Notice } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { requirePlatformPermission } from "../auth/permissions.server.ts";
import { parseForm } from "../forms/parse.server.ts";
import { SignInSettingsSchema } from "../forms/signin-schemas.ts";
import { loadSettingsPage, saveSignInSettings } from "../models/settings.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformPermission(request, "administer");
  return loadSettingsPage();
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePlatformPermission(request, "administer");
  const submission = await parseForm(request, SignInSettingsSchema);
  if (submission.status !== "success") return data({ saved: false }, { status: 400 });
  await saveSignInSettings(admin.id, admin.sessionId, submission.value);
  return { saved: true };
}

export default function AdminSettingsPage() {
  const { settings, oidc } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = m.signin.settings;
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">{t.title}</h2>
      {actionData?.saved ? <Notice>{t.saved}</Notice> : null}
      <Form method="post" className="card">
        {oidc ? (
          <div className="field">
            <label><input type="checkbox" name="ssoRequired" defaultChecked={settings.ssoRequired} aria-describedby="sso-hint" /> {t.ssoRequired(oidc.name)}</label>
            <p className="hint" id="sso-hint">{t.ssoHint(oidc.breakGlass)}</p>
          </div>
        ) : <p>{t.noOidc}</p>}
        <div className="field">
          <label><input type="checkbox" name="twoFactorAdmins" defaultChecked={settings.twoFactorAdmins} aria-describedby="twofactor-hint" /> {t.twoFactorAdmins}</label>
        </div>
        <div className="field">
          <label><input type="checkbox" name="twoFactorChairs" defaultChecked={settings.twoFactorChairs} aria-describedby="twofactor-hint" /> {t.twoFactorChairs}</label>
          <p className="hint" id="twofactor-hint">{t.twoFactorHint}</p>
        </div>
        <button type="submit" className="button">{t.save}</button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
