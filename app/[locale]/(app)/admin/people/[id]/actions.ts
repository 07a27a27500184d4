"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { scopedAction } from "@/lib/auth/authed-action";
import { can } from "@/lib/auth/permissions";
import { withAll } from "@/lib/forms/parse-form";
import { AccommodationSchema, grantTestTimeExtra } from "@/lib/people/accommodation";
import { inviteNewPeople } from "@/lib/people/invite-new-people";
import { createPerson, ProfileSchema, updateProfile } from "@/lib/people/profile";

/** `userId` 0 means "a new person". */
const ProfileFormInput = ProfileSchema.extend({ userId: z.coerce.number().int().min(0, { error: "form.notFound" }) });

/**
 * Saves a person's record: authorize → zod (codice fiscale checked with its check character) →
 * one transaction, inside the admin's scope: someone outside it is not found, like an unknown id.
 */
export const saveProfileAction = scopedAction(
  "people:manage",
  { schema: ProfileFormInput, from: withAll("roles", "trainerCourses"), echo: true },
  async ({ userId, ...profile }, user, scope) => {
    const actor = { id: user.id, scope, providerAdmin: can(user, "companies:manage") };
    if (userId === 0) {
      const created = await createPerson(db(), actor, profile);
      if (!created.ok) return { ok: false, fieldErrors: { [created.field]: [created.error] } };
      await inviteNewPeople(db(), [created.id], user.id);
      redirect(`/admin/people/${created.id}?created=1`);
    }
    const result = await updateProfile(db(), actor, userId, profile);
    if (!result.ok && result.field === "_") return { ok: false, message: result.error };
    if (!result.ok) return { ok: false, fieldErrors: { [result.field]: [result.error] } };
    revalidatePath("/[locale]/admin/people", "layout");
    return { ok: true };
  },
);

/** Grants or takes back extra time on timed tests (audited). */
export const grantTestTimeAction = scopedAction("people:manage", AccommodationSchema, async (input, user, scope) => {
  const r = await grantTestTimeExtra(db(), user.id, scope, input);
  if (r === "not_found") return { ok: false, message: "not_found" };
  revalidatePath("/[locale]/admin/people/[id]", "page");
  return { ok: true, message: r };
});
