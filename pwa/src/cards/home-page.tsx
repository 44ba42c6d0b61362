import { Arrow, SearchBar, useTitle } from '../core/ui';
import { LinkCell } from '../core/cells';
import { AllTopics } from './all-topics';
import { AskEntry } from '../questions/ask-entry';

export const WAGE_TOPIC = 'wages';

const HOTLINES = [
  { tel: '12348', name: '法律援助', note: '公共法律服务热线：免费问法律，问怎么申请法律援助' },
  { tel: '12333', name: '人社', note: '人社服务热线：欠薪投诉、劳动合同、社保查询' },
  { tel: '12351', name: '工会', note: '职工维权热线：咨询、帮扶、投诉' },
];

export function Home() {
  useTitle('');
  return (
    <div class="page">
      <header class="hero">
        <h1 class="hero-title" tabIndex={-1}>
          工友法援
        </h1>
        <p class="hero-sub">工地上的法律明白话，没信号也能看</p>
      </header>
      <SearchBar />
      <a class="wage-entry" href={`/topics/${WAGE_TOPIC}`}>
        <span class="wage-entry-title">被欠工资了？</span>
        <span class="wage-entry-sub">先看这几条：找谁、怎么讨、留什么证据</span>
        <Arrow />
      </a>
      <AskEntry />

      <h2 class="cells-title">求助电话（点一下就能打）</h2>
      <ul class="cells">
        {HOTLINES.map((h) => (
          <li key={h.tel}>
            <a class="cell cell-link" href={`tel:${h.tel}`}>
              <span class="tel-icon" aria-hidden="true">
                <svg viewBox="0 0 24 24" width="22" height="22">
                  <path
                    fill="currentColor"
                    d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"
                  />
                </svg>
              </span>
              <span class="cell-body">
                <span class="cell-title">
                  <span class="tel-no">{h.tel}</span> {h.name}
                </span>
                <span class="cell-desc">{h.note}</span>
              </span>
              <span class="cell-ft">拨打</span>
            </a>
          </li>
        ))}
      </ul>

      <ul class="cells quiz-entry">
        <LinkCell href="/quiz" title="普法小测验" desc="10 道题，看看你懂多少" />
      </ul>

      <h2 class="cells-title">按话题看</h2>
      <AllTopics />
    </div>
  );
}
