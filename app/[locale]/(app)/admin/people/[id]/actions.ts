"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { createPerson, ProfileSchema, updateProfile } from "@/lib/people/profile";
import { redirect } from "next/navigation";
import { inviteNewPeople } from "@/lib/people/invite-new-people";
import { echo, fieldErrorsOf } from "@/lib/form-echo";
import { authedAction } from "@/lib/auth/guards";
import { AccommodationSchema, grantTestTimeExtra } from "@/lib/people/accommodation";

/** On error, `values` echoes what was typed (React resets the form after an action). */
export type ProfileFormState = { ok: boolean; fieldErrors?: Record<string, string[]>; error?: string; values?: Record<string, string | string[]> } | null;


/** 0 means "a new person". */
const Id = z.coerce.number().int().min(0);

/** Saves a person's record: authorize → zod (codice fiscale checked with its check character) → one transaction. */
export async function saveProfileAction(_prev: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const user = await getCurrentUser();
  if (!user || !can(user, "people:manage")) return { ok: false, error: "form.forbidden" };
  const id = Id.safeParse(formData.get("userId"));
  if (!id.success) return { ok: false, error: "form.notFound" };
  const parsed = ProfileSchema.safeParse({ ...Object.fromEntries(formData), roles: formData.getAll("roles") });
  if (!parsed.success) {
    return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values: echo(formData) };
  }
  if (id.data === 0) {
    const created = createPerson(db(), user.id, parsed.data);
    if (!created.ok) return { ok: false, fieldErrors: { [created.field]: [created.error] }, values: echo(formData) };
    await inviteNewPeople(db(), [created.id], user.id);
    redirect(`/admin/people/${created.id}?created=1`);
  }
  const result = updateProfile(db(), user.id, id.data, parsed.data);
  if (!result.ok) return { ok: false, fieldErrors: { [result.field]: [result.error] }, values: echo(formData) };
  revalidatePath("/[locale]/admin/people", "layout");
  return { ok: true };
}

/** Grants or takes back extra time on timed tests (audited). */
export const grantTestTimeAction = authedAction("people:manage", AccommodationSchema, (input, user) => {
  const r = grantTestTimeExtra(db(), user.id, input);
  if (r === "not_found") return { ok: false, message: "not_found" };
  revalidatePath("/[locale]/admin/people/[id]", "page");
  return { ok: true, message: r };
});
