import { getTranslations } from "next-intl/server";
import type { DepartmentNode } from "@/lib/departments/tree";

/** People in a department and in every department under it. */
function subtreePeople(n: DepartmentNode): number {
  return n.people + n.children.reduce((sum, c) => sum + subtreePeople(c), 0);
}

/** The company's departments as nested lists, each with its people (and, over a subtree, everyone in it). */
export async function DepartmentTree({ nodes }: { nodes: DepartmentNode[] }) {
  const t = await getTranslations("plans.departments");
  const list = (level: DepartmentNode[]) => (
    <ul className="department-tree">
      {level.map((n) => (
        <li key={n.id}>
          <span className="department-tree__name">{n.name}</span> <span className="muted">· {t("people", { count: n.people })}</span>
          {n.children.length ? <span className="muted"> · {t("subtreePeople", { count: subtreePeople(n) })}</span> : null}
          {n.children.length ? list(n.children) : null}
        </li>
      ))}
    </ul>
  );
  return list(nodes);
}
