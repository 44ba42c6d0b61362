// The office's tables: the column heads, then the rows, in a box that scrolls sideways on a phone.
import type { ComponentChildren } from 'preact';

export function Table(props: { label?: string; heads: string[]; children: ComponentChildren }) {
  return (
    <div class="office-table-wrap">
      <table class="office-table" aria-label={props.label}>
        <thead>
          <tr>
            {props.heads.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
