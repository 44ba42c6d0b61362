import { loadTopic } from './content';
import { useStore } from '../core/store';
import { useLoad } from '../core/ui';
import { CardList, Page, Pending } from '../core/cells';

export function TopicPage(props: { slug: string }) {
  const { pack } = useStore();
  const res = useLoad(() => loadTopic(props.slug), [props.slug, pack]);
  const name = res.data?.topic?.name ?? '';
  return (
    <Page title={name || '话题'} back="/topics">
      {res.data ? (
        <>
          {res.data.topic?.description && <p class="page-desc">{res.data.topic.description}</p>}
          <CardList cards={res.data.cards} label={name} />
        </>
      ) : (
        <Pending of={res} />
      )}
    </Page>
  );
}
