import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/guards";

export default async function AdminHome() {
  await requirePermission("people:read");
  redirect("/admin/people");
}
