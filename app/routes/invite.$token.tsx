import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { acceptInvitation, findOpenInvitation } from "../models/invitations.server.ts";
import { LIMITS, type SpaceRole } from "../domain/model.ts";
import { parseForm } from "../forms/parse.server.ts";
import { AcceptInvitationSchema } from "../forms/schemas.ts";
import { startSession } from "../auth/session.server.ts";
import { LINK_TOKEN_PATTERN } from "../auth/link-tokens.server.ts";
import { constraintOf } from "../forms/constraints.ts";
import { oidcName } from "../auth/oidc.server.ts";
import { passwordSignInAllowed } from "../models/settings.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.invite.title} – ${m.appName}` }];


async function openInvitation(token: string | undefined) {
  return token && LINK_TOKEN_PATTERN.test(token) ? findOpenInvitation(token) : null;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await openInvitation(params.token);
  if (!invitation) return data({ invitation: null, provider: null }, { status: 410 });
  return {
    invitation: {
      email: invitation.email,
      space: invitation.space?.name ?? null,
      spaceRole: (invitation.spaceRole as SpaceRole | null) ?? null,
    },
    // While sign-in through the provider is required, the invitation is taken there (the provider's
    // verified address matches it), not with a password.
    provider: (await passwordSignInAllowed(invitation.email)) ? null : oidcName(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = await parseForm(request, AcceptInvitationSchema);
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirm"] }) }, { status: 400 });
  }
  const invitation = await openInvitation(params.token);
  if (invitation && !(await passwordSignInAllowed(invitation.email))) {
    return data({ result: submission.reply({ formErrors: [m.signin.oidc.ssoRequired(oidcName())], hideFields: ["password", "confirm"] }) }, { status: 403 });
  }
  const result = params.token && LINK_TOKEN_PATTERN.test(params.token) ? await acceptInvitation(params.token, submission.value) : ({ ok: false, reason: "invalid" } as const);
  if (!result.ok) {
    const message = result.reason === "existing-user" ? m.invite.emailTaken : m.invite.invalid;
    return data({ result: submission.reply({ formErrors: [message], hideFields: ["password", "confirm"] }) }, { status: result.reason === "existing-user" ? 409 : 410 });
  }
  return startSession(result.userId, request, "/");
}

export default function AcceptInvitationPage() {
  const { invitation, provider } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "accept-invitation",
    lastResult: actionData?.result,
    constraint: constraintOf(AcceptInvitationSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitationSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  if (!invitation) {
    return (
      <section className="narrow" aria-labelledby="invite-title">
        <h1 id="invite-title">{m.invite.title}</h1>
        <div className="alert alert-error" role="alert"><p>{m.invite.invalid}</p></div>
        <p><Link to="/login">{m.nav.login}</Link></p>
      </section>
    );
  }
  if (provider) {
    return (
      <section className="narrow" aria-labelledby="invite-title">
        <h1 id="invite-title">{m.invite.title}</h1>
        <p>{m.signin.oidc.inviteViaProvider(provider, invitation.email)}</p>
        {invitation.space && invitation.spaceRole ? <p>{m.invite.intoSpace(invitation.space, m.roles.space[invitation.spaceRole])}</p> : null}
        {/* A link, not a button: starting the sign-in is a plain GET to /auth/oidc. */}
        <p><a className="button" href="/auth/oidc">{m.signin.oidc.button(provider)}</a></p>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{m.invite.title}</h1>
      <p>{m.invite.intro(invitation.email)}</p>
      {invitation.space && invitation.spaceRole ? <p>{m.invite.intoSpace(invitation.space, m.roles.space[invitation.spaceRole])}</p> : null}
      <div className="card">
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.name} label={m.invite.name} autoComplete="name" />
          <TextField field={fields.password} label={m.invite.password} type="password" autoComplete="new-password" hint={m.invite.passwordHint(LIMITS.passwordMin)} />
          <TextField field={fields.confirm} label={m.invite.confirm} type="password" autoComplete="new-password" />
          <button type="submit" className="button">{m.invite.submit}</button>
        </Form>
      </div>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
