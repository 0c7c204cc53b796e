// One-click unsubscribe (RFC 8058): a POST to the link from the List-Unsubscribe header switches the
// kind off without login. A GET (someone clicking the footer link) shows a confirmation button, so
// link scanners that prefetch URLs unsubscribe nobody.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { Notice } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { unsubscribe, verifyUnsubscribeToken } from "../models/mail-preferences.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.mail.unsubscribe.title} – ${m.appName}` }, { name: "referrer", content: "no-referrer" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const valid = verifyUnsubscribeToken(params.token ?? "") !== null;
  return data({ valid }, { status: valid ? 200 : 404 });
}

export async function action({ params }: ActionFunctionArgs) {
  const done = await unsubscribe(params.token ?? "");
  return data({ done: done !== null }, { status: done ? 200 : 404 });
}

export default function UnsubscribePage() {
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="narrow" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{m.mail.unsubscribe.title}</h1>
      {actionData?.done ? <Notice>{m.mail.unsubscribe.done}</Notice>
        : !valid || actionData ? <div className="alert alert-error" role="alert"><p>{m.mail.unsubscribe.invalid}</p></div>
        : (
          <Form method="post">
            <p>{m.mail.unsubscribe.confirm}</p>
            <button type="submit" className="button">{m.mail.unsubscribe.submit}</button>
          </Form>
        )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
