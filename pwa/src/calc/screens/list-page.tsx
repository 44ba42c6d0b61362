// /calc: 算一算 — the calculators, one big button each with a picture and one plain line.
// A lazy screen of the 'later' tier (routes.tsx): on the phone a few seconds after the first visit.
import { PageHeader, useTitle } from '../../core/ui';
import { CATALOG } from './catalog';
import './calc.css';

export function CalcListPage() {
  useTitle('算一算');
  return (
    <div class="page">
      <PageHeader title="算一算" back="/" />
      <p class="page-desc">一步一个问题，最后告诉你大概能拿多少、依据哪条法律、哪部分什么时候以后可能拿不回来。没网也能算。</p>
      <ul class="calc-list">
        {CATALOG.map((c) => (
          <li key={c.id}>
            <a class="calc-pick" href={`/calc/${c.id}`}>
              <span class="calc-pic" aria-hidden="true">
                {c.pic}
              </span>
              <span>
                <strong>{c.title}</strong>
                <span class="calc-line">{c.line}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
