// The way into 问一问 from the home page, every card's end, 援助 and 我的: one big row.
import { caseTypeForTopic } from '../aid/case-types';
import { Arrow } from '../core/ui';

/** /ask, with the kind of case when a card's topic says it, or bound to the site whose page it is on. */
export function askHref(topic?: string, site?: string): string {
  const t = topic ? caseTypeForTopic(topic) : null;
  return site ? `/ask?site=${site}` : t ? `/ask?type=${t}` : '/ask';
}

export function AskEntry(props: { title?: string; topic?: string; site?: string }) {
  return (
    <a class="wage-entry" href={askHref(props.topic, props.site)}>
      <span class="wage-entry-title">{props.title || '有问题？问一问'}</span>
      <span class="wage-entry-sub">说几句或写下来，24 小时内回复</span>
      <Arrow />
    </a>
  );
}
