// The card picker: the cards' own search (GET /cards?q=), a tap adds one (at most five), the chosen ones listed
// with 去掉. The worker's phone opens each linked card offline.
import { useState } from 'preact/hooks';
import { errorText } from '../../core/api';
import { searchCards } from './api';
import type { CardRef } from './types';
import { MAX_CARDS } from './use-answer';

export function CardPicker(props: { chosen: CardRef[]; add: (c: CardRef) => void; drop: (slug: string) => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<CardRef[] | null>(null);
  const [error, setError] = useState('');
  const find = async () => {
    if (!q.trim()) return;
    setError('');
    try {
      const page = await searchCards(q.trim());
      setFound((page.items || []).map((c) => ({ slug: c.slug || '', title: c.question || c.slug || '' })));
    } catch (e) {
      setError(errorText(e));
    }
  };
  const full = props.chosen.length >= MAX_CARDS;
  return (
    <li class="cell q-field">
      <label for="answer-card-q">附上问答卡（最多 {MAX_CARDS} 张）</label>
      <ul class="q-cards" aria-label="已选的问答卡" data-testid="chosen-cards">
        {props.chosen.map((c) => (
          <li key={c.slug}>
            <span class="tag tag-ok">{c.title}</span>{' '}
            <button type="button" class="btn btn-small btn-default" onClick={() => props.drop(c.slug)} aria-label={`去掉 ${c.title}`}>
              去掉
            </button>
          </li>
        ))}
      </ul>
      <div class="q-card-pick">
        <input id="answer-card-q" type="search" placeholder="找问答卡：欠薪、工伤……" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), void find())} />
        <button type="button" class="btn btn-small btn-default" onClick={find}>
          找卡片
        </button>
      </div>
      {error && <span class="field-error" role="alert">{error}</span>}
      {found && !found.length && <p class="page-desc">没有找到，换几个字再试。</p>}
      {!!found?.length && (
        <ul class="q-found" aria-label="找到的问答卡">
          {found.map((c) => (
            <li key={c.slug} class="q-card-pick">
              <span>{c.title}</span>
              <button type="button" class="btn btn-small btn-primary" disabled={full || props.chosen.some((x) => x.slug === c.slug)} onClick={() => props.add(c)} aria-label={`附上 ${c.title}`}>
                附上
              </button>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
