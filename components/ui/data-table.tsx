import Link from "next/link";
import { Fragment, type ReactNode } from "react";

type Props = {
  /** Column headings: a string becomes `<th scope="col">`; an element (e.g. a sortable heading) is used as it is. */
  columns: (string | ReactNode)[];
  /** Read by screen readers only, for tables that have no heading of their own. */
  caption?: string;
  children: ReactNode;
};

/** The admin pages' table: scrolls sideways on a phone, and each cell shows its column's name there (`data-label`). */
export function DataTable({ columns, caption, children }: Props) {
  return (
    <div className="table-wrap">
      <table className="responsive">
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c, i) =>
              typeof c === "string" ? (
                <th key={i} scope="col">
                  {c}
                </th>
              ) : (
                <Fragment key={i}>{c}</Fragment>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A result list's count (announced when it changes), then the table or, with no rows, the empty state. */
export function Results({ count, empty, rows, children }: { count: string; empty: string; rows: number; children: ReactNode }) {
  return (
    <>
      <p className="muted" aria-live="polite">
        {count}
      </p>
      {rows === 0 ? <p className="empty-state">{empty}</p> : children}
    </>
  );
}

/** Previous / "page n of m" / next, when there is more than one page. */
export function Pagination({ page, pages, href, labels }: { page: number; pages: number; href: (page: number) => string; labels: { nav: string; previous: string; next: string; page: string } }) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={labels.nav}>
      {page > 1 ? <Link href={href(page - 1)}>{labels.previous}</Link> : null}
      <span>{labels.page}</span>
      {page < pages ? <Link href={href(page + 1)}>{labels.next}</Link> : null}
    </nav>
  );
}
