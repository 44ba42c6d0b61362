// The state of /q: the code (from the texted link or typed) and the phone, their errors, and the
// thread found, asked again after a follow-up (core/use-code-lookup.ts, as 查进度's).
import { useCodeLookup } from '../core/use-code-lookup';
import { loadThread } from './api';

export function useThread(initialCode: string) {
  return useCodeLookup(initialCode, loadThread, { noCode: '请填写查询码（发送问题后给你的 8 位字母和数字）。', offline: '没有网络，联网后再看。' });
}
