// The invitation form (admins and chairs): after creating one it shows the link once and says where
// its mail went.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { m } from "../i18n/messages.ts";
import { PLATFORM_ROLES, SPACE_ROLES } from "../domain/model.ts";
import { InvitationSchema } from "../forms/schemas.ts";
import { FormErrors, Notice, SelectField, TextField } from "./forms.tsx";
import { constraintOf } from "../forms/constraints.ts";

type Props = {
  lastResult?: SubmissionResult<string[]> | null;
  inviteLink?: string | null;
  /** Where the invitation mail went, and whether a mail server delivers it (else it waits in the Postausgang). */
  inviteMail?: { to: string; delivered: boolean } | null;
  /** A chair invites into one fixed Gremium; an admin may choose any Gremium and the platform role. */
  fixedSpaceId?: string;
  spaces?: ReadonlyArray<{ id: string; name: string }>;
};

export function InvitationForm({ lastResult, inviteLink, inviteMail, fixedSpaceId, spaces = [] }: Props) {
  const [form, fields] = useForm({
    id: "invitation",
    lastResult,
    constraint: constraintOf(InvitationSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InvitationSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="card">
      <h2>{m.admin.inviteTitle}</h2>
      {inviteLink ? (
        <Notice>
          <p>{m.admin.inviteCreated}</p>
          {inviteMail ? <p data-testid="invite-mail">{inviteMail.delivered ? m.admin.inviteMailQueued(inviteMail.to) : m.admin.inviteMailNotSent(inviteMail.to)}</p> : null}
          <code className="invite-link" aria-label={m.admin.inviteLink} data-testid="invite-link">{inviteLink}</code>
        </Notice>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="invite" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} label={m.admin.inviteEmail} type="email" />
        {fixedSpaceId ? (
          <input type="hidden" name="spaceId" value={fixedSpaceId} />
        ) : (
          <>
            <SelectField field={fields.platformRole} label={m.admin.invitePlatformRole} options={PLATFORM_ROLES.map((r) => ({ value: r, label: m.roles.platform[r] }))} />
            <SelectField field={fields.spaceId} label={m.admin.inviteSpace} placeholder={m.admin.inviteNoSpace} options={spaces.map((s) => ({ value: s.id, label: s.name }))} />
          </>
        )}
        <SelectField field={fields.spaceRole} label={m.admin.inviteSpaceRole} placeholder={fixedSpaceId ? undefined : m.admin.inviteNoSpace} options={SPACE_ROLES.map((r) => ({ value: r, label: m.roles.space[r] }))} />
        <button type="submit" className="button">{m.admin.inviteSubmit}</button>
      </Form>
    </div>
  );
}
