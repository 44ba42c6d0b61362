// Every topic of the content pack, as cells: the home page's 按话题看 and 普法's 全部话题.
import { loadTopics } from './content';
import { useStore } from '../core/store';
import { useLoad } from '../core/ui';
import { Pending, TopicCells } from '../core/cells';

export function AllTopics() {
  const { pack } = useStore();
  const topics = useLoad(loadTopics, [pack]);
  return topics.data ? <TopicCells topics={topics.data} /> : <Pending of={topics} />;
}
