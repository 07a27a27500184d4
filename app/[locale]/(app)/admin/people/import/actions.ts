"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { scopedFormAction } from "@/lib/auth/authed-action";
import { can } from "@/lib/auth/permissions";
import { applyImport, importTarget } from "@/lib/people/import-plan";
import { inviteNewPeople } from "@/lib/people/invite-new-people";

const Input = z.object({ importId: z.coerce.number().int().positive() });

/** Confirms a checked import: all rows in one transaction, or nothing (the page says why). */
export const confirmImportAction = scopedFormAction("people:manage", { schema: Input, onInvalid: "/admin/people/import?problem=forbidden" }, async ({ importId }, user, scope) => {
  const d = db();
  // The import must be one of the company the admin works in: another company's is not found.
  const result = await applyImport(d, importId, user.id, importTarget(scope, can(user, "companies:manage")));
  if (!result.ok) redirect(`/admin/people/import?id=${importId}&refused=${result.code}`);
  const mail = await inviteNewPeople(d, result.created, user.id);
  const outcome = new URLSearchParams({ id: String(importId), done: "1", created: String(result.created.length), updated: String(result.updated), sent: String(mail.sent), held: String(mail.held), failed: String(mail.failed) });
  redirect(`/admin/people/import?${outcome}`);
});
