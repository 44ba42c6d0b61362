// The office sections whose screens are not built yet, said plainly inside the office frame.
import { Office, SECTIONS, type Section } from './office-nav';

export function OfficeComingPage(props: { section: Section }) {
  const s = SECTIONS.find((x) => x.id === props.section)!;
  return (
    <Office section={props.section} title={s.label}>
      <div class="msg coming">
        <p class="coming-badge">还在做</p>
        <p>这一块的页面还没有做好。</p>
      </div>
    </Office>
  );
}
