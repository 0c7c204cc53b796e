import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "./components/error-boundary.tsx";
import { m } from "./i18n/messages.ts";
import { unreadNotificationCount } from "./models/notifications.server.ts";
import { useNonce } from "./components/nonce.ts";
import { getSessionUser } from "./auth/session.server.ts";
import stylesheet from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: m.appName }, { name: "description", content: m.appTagline }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user) return { user: null };
  return { user: { id: user.id, name: user.name, role: user.role, unread: await unreadNotificationCount(user.id) } };
}

export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

function Header() {
  const user = useOptionalUser();
  return (
    <header className="site-header">
      <div className="container header-inner">
        <a href="/" className="brand">
          {m.appName}
        </a>
        <nav aria-label={m.nav.label}>
          <ul className="nav-list">
            {user ? (
              <>
                <li><NavLink to="/" end>{m.nav.start}</NavLink></li>
                <li><NavLink to="/spaces">{m.nav.spaces}</NavLink></li>
                <li><NavLink to="/best-practices">{m.nav.bestPractices}</NavLink></li>
                <li><NavLink to="/documents">{m.nav.documents}</NavLink></li>
                <li><NavLink to="/laender">{m.nav.laender}</NavLink></li>
                <li><NavLink to="/search">{m.nav.search}</NavLink></li>
                <li>
                  <NavLink to="/notifications" aria-label={`${m.nav.notifications}: ${m.forum.unreadCount(user.unread)}`}>
                    {m.nav.notifications}
                    {user.unread ? <span className="count-badge" aria-hidden="true">{user.unread}</span> : null}
                  </NavLink>
                </li>
                {user.role === "admin" ? <li><NavLink to="/admin">{m.nav.admin}</NavLink></li> : null}
                <li><NavLink to="/profile">{m.nav.profile}</NavLink></li>
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">{m.nav.logout}</button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li><NavLink to="/laender">{m.nav.laender}</NavLink></li>
                <li><NavLink to="/login">{m.nav.login}</NavLink></li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="de">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">{m.nav.skipToContent}</a>
        <Header />
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">{m.appTagline}</div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export const ErrorBoundary = GeneralErrorBoundary;
