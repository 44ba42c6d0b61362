import { useEffect, useRef, useState } from 'preact/hooks';
import { currentLocale, loadCard, loadTopics } from './content';
import { applyHref } from '../aid/case-types';
import { ReadAloud } from '../core/read-aloud';
import { speechText } from '../core/speech';
import { getTextSize, stepTextSize, TEXT_SIZES } from '../core/settings';
import { useStore } from '../core/store';
import { plainText } from './plain-text';
import type { Card, NextStep } from './types';
import { focusHeading, PageHeader, useLoad, useTitle } from '../core/ui';
import { CardList, Pending, Section } from '../core/cells';
import { AskEntry } from '../questions/ask-entry';

export function CardPage(props: { slug: string }) {
  const { pack } = useStore();
  const card = useLoad(() => loadCard(props.slug), [props.slug, pack]);
  const topics = useLoad(loadTopics, [pack]);
  const c = card.data;
  const topic = c && topics.data?.find((t) => t.slug === c.topic);
  useTitle(c?.question ?? '普法卡片');
  return (
    <div class="page">
      <PageHeader title={topic?.name ?? '普法卡片'} back={c ? `/topics/${c.topic}` : '/topics'} heading={!c} />
      {c ? <CardBody card={c} /> : <Pending of={card} />}
    </div>
  );
}

function CardBody({ card }: { card: Card }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => focusHeading(h1.current), [card.slug]);
  return (
    <article class="card" aria-labelledby="card-q">
      <h1 id="card-q" class="card-title" tabIndex={-1} ref={h1}>
        {card.question}
      </h1>
      <p class="card-summary">
        <strong>一句话：</strong>
        {card.summary}
      </p>
      <Tools card={card} />
      <div class="card-answer" dangerouslySetInnerHTML={{ __html: card.answer_html }} />
      {card.caveat && (
        <aside class="card-caveat" aria-label="注意">
          <strong>注意：</strong>
          {card.caveat}
        </aside>
      )}

      {card.next_steps.length > 0 && (
        <Section id="steps-h" title="下一步怎么办">
          <ol class="steps">
            {card.next_steps.map((s, i) => (
              <li key={i}>
                <Step step={s} topic={card.topic} />
              </li>
            ))}
          </ol>
        </Section>
      )}

      <Section id="law-h" title="法律依据">
        <ul class="cells citations">
          {card.citations.map((c) => (
            <li key={c.law + c.article} class="cell">
              {c.label || `《${c.law}》第${c.article}条`}
            </li>
          ))}
        </ul>
      </Section>

      {card.related.length > 0 && (
        <Section id="rel-h" title="相关问题">
          <CardList cards={card.related} />
        </Section>
      )}
      <AskEntry title="没找到答案？问一问" topic={card.topic} />
    </article>
  );
}

function Step({ step, topic }: { step: NextStep; topic: string }) {
  switch (step.action) {
    case 'call':
      return (
        <a class="step step-call" href={`tel:${step.target}`}>
          <span>{step.text}</span>
          <span class="step-act">拨打 {step.target}</span>
        </a>
      );
    case 'apply':
      return (
        <a class="step" href={applyHref(topic)}>
          <span>{step.text}</span>
          <span class="step-act">怎么申请</span>
        </a>
      );
    case 'card':
      return (
        <a class="step" href={`/cards/${step.target}`}>
          <span>{step.text}</span>
          <span class="step-act">看看</span>
        </a>
      );
    default: {
      const external = /^https?:/.test(step.target);
      return (
        <a class="step" href={step.target || '/'} {...(external ? { target: '_blank', rel: 'noopener' } : {})}>
          <span>{step.text}</span>
          <span class="step-act">去看看</span>
        </a>
      );
    }
  }
}

/** The card as lines to read aloud: block ends become line ends, inline tags vanish. */
function cardSpeech(card: Card): string {
  const answer = plainText(card.answer_html.replace(/<\/(p|li|h\d)>|<br\s*\/?>/gi, '\n').replace(/<\/?(strong|em|b|i)>/gi, ''));
  return speechText([
    card.question,
    card.summary,
    answer,
    card.caveat && '注意：' + card.caveat,
    card.next_steps.length ? '下一步怎么办：' : '',
    ...card.next_steps.map((s) => s.text),
  ]);
}

function Tools({ card }: { card: Card }) {
  const [size, setSize] = useState(getTextSize());
  const sizeIdx = TEXT_SIZES.findIndex((s) => s.id === size);
  return (
    <div class="card-tools">
      <ReadAloud text={cardSpeech(card)} lang={currentLocale()} />
      <span class="size-ctl" role="group" aria-label={`字号：${TEXT_SIZES[sizeIdx].label}`}>
        <button type="button" class="btn btn-small btn-default" disabled={sizeIdx === 0} onClick={() => setSize(stepTextSize(-1))}>
          字小点
        </button>
        <button
          type="button"
          class="btn btn-small btn-default size-big"
          disabled={sizeIdx === TEXT_SIZES.length - 1}
          onClick={() => setSize(stepTextSize(1))}
        >
          字大点
        </button>
      </span>
    </div>
  );
}
