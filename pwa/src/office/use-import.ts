// The state of 办公室 → 导入: the file chosen, what it holds (a dry run on the server), and what
// importing it did. The page (office-import-page.tsx) and its parts (import-parts.tsx) only show it.
import { useState } from 'preact/hooks';
import type { Answer } from '../core/schemas';
import { api, problemText } from './admin-api';

export type Held = Answer<'ImportOut'>;

export interface Import {
  preview: Held | null;
  done: Held | null;
  error: string;
  busy: boolean;
  choose: (input: HTMLInputElement) => Promise<void>;
  apply: () => Promise<void>;
}

const send = async (data: Record<string, unknown>, dryRun: boolean) =>
  api<Held>('/api/v1/office/import', { method: 'POST', json: { file: data, dry_run: dryRun } });

/** The file's JSON if it is an exported queue (an object), else the message to show. */
async function readQueue(f: File): Promise<Record<string, unknown> | string> {
  let data: unknown;
  try {
    data = JSON.parse(await f.text());
  } catch {
    return '这个文件打不开：不是导出的待发送记录（.json 文件）。';
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return '这个文件不是导出的待发送记录。';
  return data as Record<string, unknown>;
}

export function useImport(): Import {
  const [file, setFile] = useState<Record<string, unknown> | null>(null);
  const [preview, setPreview] = useState<Held | null>(null);
  const [done, setDone] = useState<Held | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  /** Send the file (a dry run first, for the preview), showing the server's refusal if any. */
  const sending = async (data: Record<string, unknown>, dryRun: boolean) => {
    setBusy(true);
    try {
      (dryRun ? setPreview : setDone)(await send(data, dryRun));
    } catch (err) {
      setError(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  const choose = async (input: HTMLInputElement) => {
    const f = input.files?.[0];
    setError('');
    setPreview(null);
    setDone(null);
    setFile(null);
    if (!f) return;
    const data = await readQueue(f);
    if (typeof data === 'string') return setError(data);
    setFile(data);
    await sending(data, true);
  };

  const apply = async () => {
    if (!file) return;
    setError('');
    await sending(file, false);
  };

  return { preview, done, error, busy, choose, apply };
}
