// The pages of a long list (the case inbox, the office's lists): its figures as the server sends them,
// one pager and one row of filters for every list. Lazy screens only: nothing here is on the first load.
import './pager.css';

/** A paged list's figures, from its X-Pagination header (flask-smorest's @blp.paginate). */
export function pagination(res: Response): { total: number; page: number; lastPage: number } {
  let p: { total?: number; page?: number; last_page?: number } = {};
  try {
    p = JSON.parse(res.headers.get('X-Pagination') || '{}');
  } catch {
    /* no figures: one page */
  }
  return { total: p.total ?? 0, page: p.page ?? 1, lastPage: p.last_page ?? 1 };
}

/**
 * The pages of a long list: links when each page has its address (`href`), buttons otherwise
 * (`go`). `total` and `unit` add "，共 21 件".
 */
export function Pager(props: { page: number; pages: number; total?: number; unit?: string; href?: (page: number) => string; go?: (page: number) => void }) {
  if (props.pages <= 1) return null;
  const step = (page: number, label: string, rel: string) =>
    props.href ? (
      <a class="btn btn-default btn-small" href={props.href(page)} rel={rel}>
        {label}
      </a>
    ) : (
      <button type="button" class="btn btn-default btn-small" onClick={() => props.go?.(page)}>
        {label}
      </button>
    );
  return (
    <nav class="pager" aria-label="翻页">
      {props.page > 1 ? step(props.page - 1, '上一页', 'prev') : <span />}
      <span>
        第 {props.page} / {props.pages} 页{props.total != null ? `，共 ${props.total} ${props.unit || '条'}` : ''}
      </span>
      {props.page < props.pages ? step(props.page + 1, '下一页', 'next') : <span />}
    </nav>
  );
}

/** A list's filters as links (each filter its own address), each with its count ('…' until known; none shown without `counts`). */
export function FilterLinks<T extends string>(props: { filters: readonly { id: T; label: string }[]; on: T; href: (id: T) => string; counts?: Partial<Record<T, number>>; label?: string }) {
  return (
    <nav class="filters" aria-label={props.label || '筛选'}>
      {props.filters.map((f) => (
        <a key={f.id} href={props.href(f.id)} class={'filter' + (f.id === props.on ? ' on' : '')} aria-current={f.id === props.on ? 'page' : undefined}>
          {f.label}
          {props.counts && (
            <>
              {' '}
              <span class="filter-count">{props.counts[f.id] ?? '…'}</span>
            </>
          )}
        </a>
      ))}
    </nav>
  );
}
