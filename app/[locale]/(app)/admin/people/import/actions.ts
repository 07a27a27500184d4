"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { applyImport } from "@/lib/people/import-plan";
import { inviteNewPeople } from "@/lib/people/invite-new-people";

const Input = z.object({ importId: z.coerce.number().int().positive() });

/** Confirms a checked import: all rows in one transaction, or nothing (the page says why). */
export async function confirmImportAction(formData: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const parsed = Input.safeParse(Object.fromEntries(formData));
  if (!parsed.success || !can(user, "people:manage")) redirect("/admin/people/import?problem=forbidden");
  const d = db();
  const result = applyImport(d, parsed.data.importId, user.id);
  if (!result.ok) redirect(`/admin/people/import?id=${parsed.data.importId}&refused=${result.code}`);
  const mail = await inviteNewPeople(d, result.created, user.id);
  const outcome = new URLSearchParams({ id: String(parsed.data.importId), done: "1", created: String(result.created.length), updated: String(result.updated), sent: String(mail.sent), held: String(mail.held), failed: String(mail.failed) });
  redirect(`/admin/people/import?${outcome}`);
}
