// The inbox by site (issue 23): the sites the office's cases came from, each a link to its cases only
// (a group claim is usually one site); with one site chosen, a way back to every case.
import type { Answer } from '../../core/schemas';

export function BySite(props: { sites: Answer<'SiteGroup'>[]; on: string }) {
  if (props.on) {
    const site = props.sites.find((s) => s.code === props.on);
    return (
      <p class="page-desc" role="status">
        只看工地「{site ? site.name : props.on}」的案件 · <a href="/office/cases">看全部案件</a> · <a href={`/office/sites/${props.on}`}>工地页面</a>
      </p>
    );
  }
  if (!props.sites.length) return null;
  return (
    <p class="page-desc">
      按工地看：
      {props.sites.map((s, n) => (
        <span key={s.code}>
          {n > 0 && '、'}
          <a href={`/office/cases?site=${s.code}`}>
            {s.name}（{s.count}）
          </a>
        </span>
      ))}
    </p>
  );
}
