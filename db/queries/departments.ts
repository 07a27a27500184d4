import "server-only";
import type { AppDatabase } from "../open";

export type DepartmentRow = { id: number; name: string; parentId: number | null; people: number };

/** A company's departments with how many people each has (the tree is built by the caller). */
export function listDepartments(d: AppDatabase, companyId: number): DepartmentRow[] {
  return d.sqlite
    .prepare(
      `SELECT dp.id, dp.name, dp.parent_id AS parentId,
              (SELECT count(*) FROM users u WHERE u.company_id = dp.company_id AND u.department = dp.name) AS people
         FROM departments dp WHERE dp.company_id = ? ORDER BY dp.name COLLATE NOCASE`,
    )
    .all(companyId) as DepartmentRow[];
}

export function getDepartment(d: AppDatabase, companyId: number, id: number): { id: number; name: string; parentId: number | null; companyId: number } | undefined {
  return d.sqlite.prepare("SELECT id, name, parent_id AS parentId, company_id AS companyId FROM departments WHERE id = ? AND company_id = ?").get(id, companyId) as
    | { id: number; name: string; parentId: number | null; companyId: number }
    | undefined;
}

export function findDepartmentByName(d: AppDatabase, companyId: number, name: string): { id: number; parentId: number | null } | undefined {
  return d.sqlite.prepare("SELECT id, parent_id AS parentId FROM departments WHERE company_id = ? AND name = ?").get(companyId, name) as { id: number; parentId: number | null } | undefined;
}

/** Creates the department when the company has none of that name (at the top of the tree). */
export function ensureDepartment(d: AppDatabase, companyId: number, name: string): void {
  d.sqlite.prepare("INSERT INTO departments (name, company_id) VALUES (?, ?) ON CONFLICT (company_id, name) DO NOTHING").run(name, companyId);
}

export function insertDepartment(d: AppDatabase, r: { companyId: number; name: string; parentId: number | null }): number {
  return Number(d.sqlite.prepare("INSERT INTO departments (name, company_id, parent_id) VALUES (?, ?, ?)").run(r.name, r.companyId, r.parentId).lastInsertRowid);
}

export function setDepartmentParent(d: AppDatabase, id: number, parentId: number | null): void {
  d.sqlite.prepare("UPDATE departments SET parent_id = ? WHERE id = ?").run(parentId, id);
}

/** The names of a department and of every department under it. */
export function departmentSubtree(d: AppDatabase, departmentId: number): string[] {
  return (d.sqlite.prepare("SELECT department FROM department_ancestors WHERE ancestor_id = ? ORDER BY department").all(departmentId) as { department: string }[]).map((r) => r.department);
}

/** The ids of a department and of the departments above it (moving a department under one of these would make a loop). */
export function departmentAncestorIds(d: AppDatabase, departmentId: number): number[] {
  return (d.sqlite.prepare("SELECT ancestor_id AS id FROM department_ancestors WHERE department_id = ?").all(departmentId) as { id: number }[]).map((r) => r.id);
}
