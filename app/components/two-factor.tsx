// Pieces of the two-factor pages (decision 022): the enrolment (QR code, secret, code field) and
// the recovery codes shown once. Used by the security page and by the forced enrolment at sign-in.
import { Form } from "@remix-run/react";
import { m } from "../i18n/messages.ts";
import { FormErrors } from "./forms.tsx";
import { TWO_FACTOR_CODE_MAX } from "../forms/signin-schemas.ts";

export function CodeInput({ id, label = m.signin.code.label }: { id: string; label?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name="code" type="text" inputMode="text" autoComplete="one-time-code" required maxLength={TWO_FACTOR_CODE_MAX} autoCapitalize="off" spellCheck={false} />
    </div>
  );
}

export function Enrolment({ pending, errors }: { pending: { secret: string; qrDataUrl: string }; errors?: string[] }) {
  const t = m.signin.security;
  return (
    <div className="card">
      <p>{t.scan}</p>
      <img src={pending.qrDataUrl} alt={t.qrAlt} width={200} height={200} />
      <p>{t.secret} <code data-testid="totp-secret">{pending.secret}</code></p>
      <Form method="post">
        <FormErrors id="enrol-errors" errors={errors} />
        <input type="hidden" name="intent" value="confirm" />
        <p>{t.confirmIntro}</p>
        <CodeInput id="enrol-code" />
        <button type="submit" className="button">{t.confirm}</button>
      </Form>
    </div>
  );
}

export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = m.signin.security;
  return (
    <div className="card" role="status">
      <p>{t.enabled}</p>
      <h2>{t.recoveryTitle}</h2>
      <p>{t.recoveryIntro}</p>
      <ul className="recovery-codes" aria-label={t.recoveryTitle}>
        {codes.map((c) => <li key={c}><code>{c}</code></li>)}
      </ul>
    </div>
  );
}
