import "server-only";
import type { Engine } from "../engine/types";
import { ignoringCase } from "../engine/dialect-sql";

export type DepartmentRow = { id: number; name: string; parentId: number | null; people: number };

/** A company's departments with how many people each has (the tree is built by the caller). */
export async function listDepartments(d: Engine, companyId: number): Promise<DepartmentRow[]> {
  return d.all<DepartmentRow>(
    `SELECT dp.id, dp.name, dp.parent_id AS "parentId",
            (SELECT count(*) FROM users u WHERE u.company_id = dp.company_id AND u.department = dp.name) AS people
       FROM departments dp WHERE dp.company_id = ? ORDER BY ${ignoringCase(d, "dp.name")}`,
    [companyId],
  );
}

export async function getDepartment(d: Engine, companyId: number, id: number): Promise<{ id: number; name: string; parentId: number | null; companyId: number } | undefined> {
  return d.get<{ id: number; name: string; parentId: number | null; companyId: number }>(
    `SELECT id, name, parent_id AS "parentId", company_id AS "companyId" FROM departments WHERE id = ? AND company_id = ?`,
    [id, companyId],
  );
}

export async function findDepartmentByName(d: Engine, companyId: number, name: string): Promise<{ id: number; parentId: number | null } | undefined> {
  return d.get<{ id: number; parentId: number | null }>(`SELECT id, parent_id AS "parentId" FROM departments WHERE company_id = ? AND name = ?`, [companyId, name]);
}

/** Creates the department when the company has none of that name (at the top of the tree). */
export async function ensureDepartment(d: Engine, companyId: number, name: string): Promise<void> {
  await d.run("INSERT INTO departments (name, company_id) VALUES (?, ?) ON CONFLICT (company_id, name) DO NOTHING", [name, companyId]);
}

export async function insertDepartment(d: Engine, r: { companyId: number; name: string; parentId: number | null }): Promise<number> {
  const row = await d.get<{ id: number }>("INSERT INTO departments (name, company_id, parent_id) VALUES (?, ?, ?) RETURNING id", [r.name, r.companyId, r.parentId]);
  return row!.id;
}

export async function setDepartmentParent(d: Engine, id: number, parentId: number | null): Promise<void> {
  await d.run("UPDATE departments SET parent_id = ? WHERE id = ?", [parentId, id]);
}

/** The names of a department and of every department under it. */
export async function departmentSubtree(d: Engine, departmentId: number): Promise<string[]> {
  return (await d.all<{ department: string }>("SELECT department FROM department_ancestors WHERE ancestor_id = ? ORDER BY department", [departmentId])).map((r) => r.department);
}

/** The ids of a department and of the departments above it (moving a department under one of these would make a loop). */
export async function departmentAncestorIds(d: Engine, departmentId: number): Promise<number[]> {
  return (await d.all<{ id: number }>("SELECT ancestor_id AS id FROM department_ancestors WHERE department_id = ?", [departmentId])).map((r) => r.id);
}
