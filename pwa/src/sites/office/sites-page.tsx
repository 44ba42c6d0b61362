// 工地 in the office: the sites of the office and those under it, found by name, firm or code; each
// opens its own page (print the board, its applications and events).
import { useState } from 'preact/hooks';
import { navigate } from '../../core/router';
import { SearchForm } from '../../core/search-form';
import { Pager } from '../../core/pager';
import { useLoad } from '../../core/ui';
import { Pending } from '../../core/cells';
import { chinaTime } from '../../core/time';
import { Office } from '../../office/office-nav';
import { Table } from '../../office/office-table';
import { listSites } from './site-api';

export function SitesPage(props: { query: URLSearchParams }) {
  const q = props.query.get('q') || '';
  const page = Math.max(1, Number(props.query.get('page')) || 1);
  const [typed, setTyped] = useState(q);
  const go = (nextQ: string, nextPage = 1) =>
    navigate(`/office/sites?${new URLSearchParams({ ...(nextQ ? { q: nextQ } : {}), ...(nextPage > 1 ? { page: String(nextPage) } : {}) })}`, { replace: true });
  const list = useLoad(() => listSites(q, page), [q, page]);
  return (
    <Office section="sites" title="工地" right={<a class="btn btn-small btn-primary" href="/office/sites/new">新建</a>}>
      <SearchForm class="office-filters" onSearch={() => go(typed.trim())}>
        <label>
          <span class="sr-only">按名称、单位或编号找</span>
          <input type="search" placeholder="按名称、单位或编号找" value={typed} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="btn btn-small btn-default">
          找
        </button>
      </SearchForm>
      {!list.data ? (
        <Pending of={list} />
      ) : !list.data.items.length ? (
        <p class="page-desc">没有这样的工地。</p>
      ) : (
        <>
          <Table heads={['工地', '编号', '总包', '状态', '申请', '告示牌打印']}>
            {list.data.items.map((s) => (
              <tr key={s.code}>
                <td>
                  <a href={`/office/sites/${s.code}`}>{s.name}</a>
                </td>
                <td>{s.code_display}</td>
                <td>{s.contractor}</td>
                <td>{s.status_label}</td>
                <td>{s.application_count}</td>
                <td>{s.board_printed_at ? chinaTime(s.board_printed_at) : '还没打印'}</td>
              </tr>
            ))}
          </Table>
          <Pager page={page} pages={list.data.lastPage} go={(p) => go(q, p)} />
        </>
      )}
    </Office>
  );
}
