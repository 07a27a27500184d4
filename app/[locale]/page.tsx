import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { landingPath } from "@/lib/auth/roles";

/** The home page only routes: each role has its own landing page. */
export default async function Home() {
  const user = await getCurrentUser();
  redirect(user ? landingPath(user.roles, user.grants) : "/sign-in");
}
