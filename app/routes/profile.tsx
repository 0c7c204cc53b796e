// The profile: name, password, e-mail address (changed only once confirmed), the signed-in devices
// (each can be signed out), the data export and the deletion of the account (issue 12).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, Notice, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { changeName, changePassword } from "../models/users.server.ts";
import { cancelDeletion, endOtherSessions, endOwnSession, loadProfilePrivacy, requestDeletion, requestEmailChange } from "../models/privacy.server.ts";
import { LIMITS } from "../domain/model.ts";
import { parseForm } from "../forms/parse.server.ts";
import { requireUser } from "../auth/permissions.server.ts";
import { PasswordChangeSchema, ProfileNameSchema } from "../forms/schemas.ts";
import { EmailChangeSchema, PRIVACY_FORM_SCHEMAS } from "../forms/privacy-schemas.ts";
import { constraintOf } from "../forms/constraints.ts";

export const meta: MetaFunction = () => [{ title: `${m.profile.title} – ${m.appName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const privacy = await loadProfilePrivacy(user.id, user.sessionId);
  return { name: user.name, email: user.email, organisation: user.organisation?.name ?? null, ...privacy };
}

function schemaFor(formData: FormData) {
  const intent = String(formData.get("intent"));
  if (intent === "password") return PasswordChangeSchema;
  if (Object.hasOwn(PRIVACY_FORM_SCHEMAS, intent)) return PRIVACY_FORM_SCHEMAS[intent as keyof typeof PRIVACY_FORM_SCHEMAS];
  return ProfileNameSchema;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseForm(request, schemaFor);
  const hideFields = ["currentPassword", "password", "confirm"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }), notice: null }, { status: 400 });
  const input = submission.value;
  const t = m.privacy;
  switch (input.intent) {
    case "name":
      await changeName(user.id, input.name);
      return { result: submission.reply(), notice: m.profile.nameSaved };
    case "password": {
      const changed = await changePassword(user.id, user.sessionId, input.currentPassword, input.password);
      if (!changed.ok) {
        return data({ result: submission.reply({ fieldErrors: { currentPassword: [m.profile.wrongPassword] }, hideFields }), notice: null }, { status: 400 });
      }
      return { result: submission.reply({ resetForm: true }), notice: m.profile.passwordSaved };
    }
    case "email": {
      const asked = await requestEmailChange(user.id, input.newEmail);
      if (!asked.ok) {
        const message = asked.reason === "same" ? t.email.same : asked.reason === "taken" ? t.email.taken : t.email.tooMany(3600);
        return data({ result: submission.reply({ fieldErrors: { newEmail: [message] } }), notice: null }, { status: asked.reason === "limited" ? 429 : 400 });
      }
      return { result: submission.reply({ resetForm: true }), notice: t.email.sent(input.newEmail.trim().toLowerCase()) };
    }
    case "end-session": {
      const ended = await endOwnSession(user.id, input.session);
      return data({ result: submission.reply(), notice: ended.ok ? t.sessions.ended : t.sessions.notFound }, { status: ended.ok ? 200 : 404 });
    }
    case "end-other-sessions":
      return { result: submission.reply(), notice: t.sessions.othersEnded(await endOtherSessions(user.id, user.sessionId)) };
    case "request-deletion": {
      const asked = await requestDeletion(user.id);
      if (!asked.ok) return data({ result: submission.reply({ fieldErrors: { confirm: [t.deletion.lastAdmin] } }), notice: null }, { status: 409 });
      return { result: submission.reply(), notice: t.deletion.requested(m.format.day(asked.dueAt)) };
    }
    case "cancel-deletion":
      await cancelDeletion(user.id);
      return { result: submission.reply(), notice: t.deletion.cancelled };
  }
}

export default function ProfilePage() {
  const { name, email, organisation, sessions, deletion, pendingEmail, graceDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastIntent = actionData?.result?.initialValue?.intent;
  const t = m.privacy;
  const [nameForm, nameFields] = useForm({
    id: "profile-name",
    lastResult: lastIntent === "name" ? actionData?.result : undefined,
    defaultValue: { name },
    constraint: constraintOf(ProfileNameSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileNameSchema }),
    shouldValidate: "onBlur",
  });
  const [pwForm, pwFields] = useForm({
    id: "profile-password",
    lastResult: lastIntent === "password" ? actionData?.result : undefined,
    constraint: constraintOf(PasswordChangeSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordChangeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [emailForm, emailFields] = useForm({
    id: "profile-email",
    lastResult: lastIntent === "email" ? actionData?.result : undefined,
    constraint: constraintOf(EmailChangeSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EmailChangeSchema }),
    shouldValidate: "onBlur",
  });
  const deletionError = lastIntent === "request-deletion" ? actionData?.result?.error?.confirm?.[0] : undefined;
  return (
    <div className="narrow">
      <h1>{m.profile.title}</h1>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {deletion ? (
        <section className="card" aria-labelledby="deletion-pending-title">
          <h2 id="deletion-pending-title">{t.deletion.title}</h2>
          <p>{t.deletion.requested(m.format.day(deletion.dueAt))}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel-deletion" />
            <button type="submit" className="button">{t.deletion.cancel}</button>
          </Form>
        </section>
      ) : null}
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">{m.profile.account}</h2>
        <p>{m.profile.email}: {email}<br />{m.profile.organisation}: {organisation ?? m.common.none}</p>
        <Form method="post" {...getFormProps(nameForm)}>
          <input type="hidden" name="intent" value="name" />
          <FormErrors id={nameForm.errorId} errors={nameForm.errors} />
          <TextField field={nameFields.name} label={m.profile.name} autoComplete="name" />
          <button type="submit" className="button">{m.profile.saveName}</button>
        </Form>
      </section>
      <section className="card" aria-labelledby="email-title">
        <h2 id="email-title">{t.email.title}</h2>
        {pendingEmail ? <p>{t.email.pending(pendingEmail)}</p> : null}
        <Form method="post" {...getFormProps(emailForm)}>
          <input type="hidden" name="intent" value="email" />
          <FormErrors id={emailForm.errorId} errors={emailForm.errors} />
          <TextField field={emailFields.newEmail} label={t.email.newEmail} type="email" autoComplete="email" hint={t.email.hint} />
          <button type="submit" className="button">{t.email.submit}</button>
        </Form>
      </section>
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{m.profile.passwordTitle}</h2>
        <Form method="post" {...getFormProps(pwForm)}>
          <input type="hidden" name="intent" value="password" />
          <FormErrors id={pwForm.errorId} errors={pwForm.errors} />
          <TextField field={pwFields.currentPassword} label={m.profile.currentPassword} type="password" autoComplete="current-password" />
          <TextField field={pwFields.password} label={m.profile.newPassword} type="password" autoComplete="new-password" hint={m.invite.passwordHint(LIMITS.passwordMin)} />
          <TextField field={pwFields.confirm} label={m.profile.confirmPassword} type="password" autoComplete="new-password" />
          <button type="submit" className="button">{m.profile.savePassword}</button>
        </Form>
      </section>
      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t.sessions.title}</h2>
        <p>{t.sessions.intro}</p>
        <ul className="session-list">
          {sessions.map((s) => (
            <li key={s.handle} data-session={s.current ? "current" : "other"}>
              <strong>{s.device}</strong>{s.current ? <> ({t.sessions.current})</> : null}
              <br />
              {t.sessions.lastSeen}: {m.format.dateTime(s.lastSeenAt)} · {t.sessions.signedIn}: {m.format.dateTime(s.createdAt)}
              {s.current ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="end-session" />
                  <input type="hidden" name="session" value={s.handle} />
                  <button type="submit" className="button small secondary" aria-label={t.sessions.endLabel(s.device)}>{t.sessions.end}</button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {sessions.length > 1 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-other-sessions" />
            <button type="submit" className="button secondary">{t.sessions.endOthers}</button>
          </Form>
        ) : null}
      </section>
      <section className="card" aria-labelledby="data-title">
        <h2 id="data-title">{t.data.title}</h2>
        <p>{t.data.exportText}</p>
        <p><a href="/profile/data-export" download>{t.data.exportLink}</a></p>
        <p><Link to="/profile/benachrichtigungen">{m.mail.preferences.link}</Link></p>
        <p><Link to="/profile/sicherheit">{m.signin.security.profileLink}</Link></p>
      </section>
      {deletion ? null : (
        <section className="card" aria-labelledby="deletion-title">
          <h2 id="deletion-title">{t.deletion.title}</h2>
          <p>{t.deletion.text(graceDays)}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="request-deletion" />
            <div className="field">
              <label>
                <input type="checkbox" name="confirm" value="yes" required aria-invalid={deletionError ? true : undefined} aria-describedby={deletionError ? "deletion-error" : undefined} /> {t.deletion.confirmLabel}
              </label>
              {deletionError ? <p id="deletion-error" className="field-error">{deletionError}</p> : null}
            </div>
            <button type="submit" className="button danger">{t.deletion.request}</button>
          </Form>
        </section>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
