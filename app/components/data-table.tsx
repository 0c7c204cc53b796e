import type { ReactNode } from "react";

/** A scrollable table with column headers; rows are the children. */
export function DataTable({ columns, caption, className, children }: { columns: ReadonlyArray<ReactNode>; caption?: string; className?: string; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className={className}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
