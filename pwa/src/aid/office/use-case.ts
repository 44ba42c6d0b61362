// The state of one case's page: who is looking (the office or a lawyer), where back leads, and the
// case as loaded, then as each move's answer leaves it.
import { useEffect, useState } from 'preact/hooks';
import { useLoad } from '../../core/ui';
import { type CaseView, loadCase } from './case-api';
import { useHandler } from './case-parts';

export function useCase(id: number, officeLink: boolean) {
  const who = useHandler();
  const office = officeLink && who === 'office'; // a lawyer sent an office link sees the lawyer's page
  const loaded = useLoad(() => (who === 'office' || who === 'lawyer' ? loadCase(id) : Promise.resolve(null)), [id, who]);
  const [c, setC] = useState<CaseView | null>(null);
  useEffect(() => setC(loaded.data ?? null), [loaded.data]);
  return { who, office, back: office ? '/office/cases' : '/cases', loaded, c, setC };
}
