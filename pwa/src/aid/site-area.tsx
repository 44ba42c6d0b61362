// 在哪个区县干的活: a choice among the areas the deployment's offices serve (GET /offices/areas), kept on the
// phone so the form asks it offline once seen, and not asked where no office names an area (one office).
// The application goes to the office serving the chosen area (server/offices/divisions.py); 不清楚 sends ''.
import { useEffect, useState } from 'preact/hooks';
import { getJSON } from '../core/api';
import { Select } from '../core/form-extra';

type Area = { division: string; name: string };
const KEY = 'gy-areas';

function kept(): Area[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) || '[]');
  } catch {
    return [];
  }
}

export function SiteArea(props: { id: string; value: string; onInput: (v: string) => void; error?: string }) {
  const [areas, setAreas] = useState(kept);
  useEffect(() => {
    getJSON<{ items: Area[] }>('/api/v1/offices/areas').then((r) => {
      localStorage.setItem(KEY, JSON.stringify(r.items));
      setAreas(r.items);
    }, () => 0); // offline: the kept list
  }, []);
  return areas.length ? <Select {...props} label="在哪个区县干的活" onChange={props.onInput} options={[{ division: '', name: '不清楚' }, ...areas].map((a) => ({ id: a.division, label: a.name }))} /> : null;
}
