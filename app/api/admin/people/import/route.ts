import { NextResponse } from "next/server";
import { db } from "@/db/client";
import { withScope } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { MAX_IMPORT_BYTES, parseEmployeeCsv } from "@/lib/people/csv-import";
import { importTarget, planImport, saveImport } from "@/lib/people/import-plan";

/**
 * POST /api/admin/people/import (multipart, field `file`) — the dry run: parses and checks the
 * employee CSV for the company the admin works in (a provider admin's rows may name others in
 * the `azienda` column), stores it for confirmation and answers with the plan (JSON for
 * scripts, a 303 to the review page for the browser form). Nothing about people is written here.
 *
 * The request is held to 10 MiB plus the multipart envelope by the front door
 * (lib/runtime/front-door.mjs), chunked or not, before this handler reads it; the file inside
 * is then checked byte by byte as it is read (`parseEmployeeCsv`).
 */
export const POST = withScope("people:manage", async (req, { user, scope }) => {
  let file: File | null = null;
  try {
    const form = await req.formData();
    const value = form.get("file");
    file = value instanceof File ? value : null;
  } catch {
    return NextResponse.json({ error: "invalid_form", message: "Send the CSV as multipart/form-data in the field 'file'." }, { status: 400 });
  }
  if (!file) return NextResponse.json({ error: "missing_file", message: "Choose a CSV file." }, { status: 422 });
  if (file.size > MAX_IMPORT_BYTES) return NextResponse.json({ error: "payload_too_large", message: "The file must be at most 10 MB." }, { status: 413 });
  const parsed = await parseEmployeeCsv(file.stream());
  const wantsJson = req.headers.get("accept")?.includes("application/json");
  if (!parsed.ok) {
    if (wantsJson) return NextResponse.json({ error: "invalid_file", problem: parsed.problem, message: `The file cannot be imported: ${parsed.problem.code}.` }, { status: 422 });
    return seeOther(`/admin/people/import?problem=${parsed.problem.code}`);
  }
  const d = db();
  const id = await saveImport(d, user.id, scope.companyId, file.name.slice(0, 200) || "import.csv", parsed.sha256, parsed.rows);
  if (wantsJson) {
    const plan = await planImport(d, parsed.rows, importTarget(scope, can(user, "companies:manage")));
    return NextResponse.json({ importId: id, counts: plan.counts, rows: plan.rows }, { status: 201 });
  }
  return seeOther(`/admin/people/import?id=${id}`);
});

/** A relative 303: the browser stays on whatever origin it used (no host guessing behind proxies). */
function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location } });
}
