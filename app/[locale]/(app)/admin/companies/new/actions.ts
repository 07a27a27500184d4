"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/db/client";
import { authedAction } from "@/lib/auth/authed-action";
import type { NewCompanyFormState } from "@/lib/companies/form-state";
import { createCompanyWithPlan, NewCompanySchema, PLAN_PREFIX } from "@/lib/companies/new-company";
import { withAll } from "@/lib/forms/parse-form";
import { inviteNewPeople } from "@/lib/people/invite-new-people";

/**
 * Creates a client company, its first plan and its people in one go (provider admins only),
 * or nothing, with every problem in the form. The new people are invited once all is committed.
 */
export const createCompanyAction = authedAction(
  "companies:manage",
  { schema: NewCompanySchema, from: withAll(`${PLAN_PREFIX}courses`), echo: true },
  async (input, user): Promise<NewCompanyFormState> => {
    const d = db();
    const result = await createCompanyWithPlan(d, user.id, input);
    if (!result.ok) return { ok: false, fieldErrors: result.fieldErrors, detail: result.detail, rows: result.rows };
    const mail = await inviteNewPeople(d, result.created, user.id);
    // The company bar's list (in the layout) gains the new company.
    refresh();
    redirect(`/admin/companies?${new URLSearchParams({ created: String(result.companyId), people: String(result.created.length), held: String(mail.held + mail.failed) })}`);
  },
);
