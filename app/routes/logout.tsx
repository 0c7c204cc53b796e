import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "../auth/session.server.ts";

export function loader() {
  return redirect("/");
}

export function action({ request }: ActionFunctionArgs) {
  return endSession(request, "/login");
}
