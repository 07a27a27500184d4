import "server-only";
import { z } from "zod";
import type { Engine } from "@/db/engine/types";
import { departmentAncestorIds, findDepartmentByName, getDepartment, insertDepartment, listDepartments, setDepartmentParent, type DepartmentRow } from "@/db/queries/departments";
import { appendAuditEvent } from "@/lib/audit/trail";

export type DepartmentNode = DepartmentRow & { depth: number; children: DepartmentNode[] };

/** A company's departments as a tree, each level by name (pure). */
export function departmentTree(rows: readonly DepartmentRow[]): DepartmentNode[] {
  const byParent = new Map<number | null, DepartmentRow[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    // A parent outside the list (it cannot happen through the app) puts the department at the top.
    const parent = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), r]);
  }
  const build = (parent: number | null, depth: number, seen: Set<number>): DepartmentNode[] =>
    (byParent.get(parent) ?? []).filter((r) => !seen.has(r.id)).map((r) => ({ ...r, depth, children: build(r.id, depth + 1, new Set([...seen, r.id])) }));
  return build(null, 0, new Set());
}

/** The tree flattened in display order (each node followed by its children). */
export function flattenTree(nodes: readonly DepartmentNode[]): DepartmentNode[] {
  return nodes.flatMap((n) => [n, ...flattenTree(n.children)]);
}

export async function companyDepartmentTree(d: Engine, companyId: number): Promise<DepartmentNode[]> {
  return departmentTree(await listDepartments(d, companyId));
}

export const DepartmentSchema = z.object({
  name: z.string().trim().min(1, { error: "form.required" }).max(100, { error: "form.tooLong" }),
  parentId: z.union([z.literal(""), z.coerce.number().int().positive()]).optional().default(""),
});
export const MoveDepartmentSchema = z.object({
  departmentId: z.coerce.number().int().positive(),
  parentId: z.union([z.literal(""), z.coerce.number().int().positive()]).optional().default(""),
});

export type DepartmentResult = { ok: true; id: number } | { ok: false; field: "name" | "parentId" | "_"; error: string };

/** Adds a department to the company, under `parentId` (a department of the same company) or at the top. Audited. */
export async function addDepartment(d: Engine, actorId: number | null, companyId: number, input: z.infer<typeof DepartmentSchema>): Promise<DepartmentResult> {
  return d.write(async (): Promise<DepartmentResult> => {
    const parentId = input.parentId === "" ? null : input.parentId;
    if (parentId !== null && !await getDepartment(d, companyId, parentId)) return { ok: false, field: "parentId", error: "form.notFound" };
    if (await findDepartmentByName(d, companyId, input.name)) return { ok: false, field: "name", error: "form.departmentTaken" };
    const id = await insertDepartment(d, { companyId, name: input.name, parentId });
    await appendAuditEvent(d, { type: "admin.department-update", actorUserId: actorId, subject: `department:${id}`, data: { companyId, name: input.name, parentId } });
    return { ok: true, id };
  });
}

/**
 * Moves a department (with everything under it) under another of the company, or to the top.
 * Refused when the new parent is the department itself or one below it (a loop). Audited.
 */
export async function moveDepartment(d: Engine, actorId: number | null, companyId: number, input: z.infer<typeof MoveDepartmentSchema>): Promise<DepartmentResult> {
  return d.write(async (): Promise<DepartmentResult> => {
    const department = await getDepartment(d, companyId, input.departmentId);
    if (!department) return { ok: false, field: "_", error: "form.notFound" };
    const parentId = input.parentId === "" ? null : input.parentId;
    if (parentId !== null) {
      if (!await getDepartment(d, companyId, parentId)) return { ok: false, field: "parentId", error: "form.notFound" };
      if ((await departmentAncestorIds(d, parentId)).includes(department.id)) return { ok: false, field: "parentId", error: "form.departmentLoop" };
    }
    await setDepartmentParent(d, department.id, parentId);
    await appendAuditEvent(d, { type: "admin.department-update", actorUserId: actorId, subject: `department:${department.id}`, data: { parentId, before: department.parentId } });
    return { ok: true, id: department.id };
  });
}
