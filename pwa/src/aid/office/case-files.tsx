// The case file on a case's page: the worker's evidence photos and the files the office side attached (the
// mediation agreement, the award, a judgment, a power of attorney, scans), side by side, each in its order; and
// the form that attaches one (a photo or a PDF, with its kind, date and label). Every file opened is audited by
// the server; a PDF is only ever downloaded, never shown inside the app. A file attached by mistake has 删除 (for
// whoever added it and for staff; after a confirm): the server keeps it for the audit, the case lists it no more.
import { useState } from 'preact/hooks';
import { authFetch } from '../../accounts/auth';
import { errorText, httpError, HttpError } from '../../core/api';
import { DateField, Field, FormEnd } from '../../core/form';
import { FileField, Select } from '../../core/form-extra';
import { newId } from '../../core/id';
import type { Answer } from '../../core/schemas';
import { removeFile, type CaseView } from './case-api';
import { Download, Photos } from './case-parts';

export type OfficeFile = Answer<'CaseFileOut'>;
export const KINDS = [
  { id: 'mediation_agreement', label: '调解协议' },
  { id: 'arbitration_award', label: '仲裁裁决书' },
  { id: 'judgment', label: '判决书' },
  { id: 'power_of_attorney', label: '授权委托书' },
  { id: 'paper_scan', label: '纸质材料扫描件' },
  { id: 'other', label: '其他' },
];

/** One file for the case; `key` is its id (Idempotency-Key): the same form sent twice is one file. */
export async function attachFile(caseId: number, form: FormData, key: string): Promise<OfficeFile> {
  const res = await authFetch(`/api/v1/cases/${caseId}/files`, { method: 'POST', headers: { Accept: 'application/json', 'Idempotency-Key': key }, body: form });
  if (!res.ok) throw await httpError(res);
  return res.json() as Promise<OfficeFile>;
}

/** By the file's date, then as they came (the server's order). */
export function inOrder(files: OfficeFile[]): OfficeFile[] {
  return [...files].sort((a, b) => (a.dated_on || '').localeCompare(b.dated_on || '') || (a.added_at || '').localeCompare(b.added_at || ''));
}

export function CaseFile(props: { c: CaseView; onFiles: (files: OfficeFile[]) => void }) {
  const files = props.c.office_files || [];
  const onRemoved = (id: string) => props.onFiles(files.filter((f) => f.id !== id));
  return (
    <section class="sec-photos" aria-labelledby="file-h">
      <h2 class="cells-title" id="file-h">
        案件材料
      </h2>
      <div class="case-file">
        <section class="case-box" data-testid="evidence-list" aria-labelledby="photos-h">
          <h3 class="case-file-h" id="photos-h">
            证据照片（{props.c.evidence.length} 张）<span class="case-file-note">工友提交</span>
          </h3>
          <Photos items={props.c.evidence} />
        </section>
        <section class="case-box" data-testid="office-files" aria-labelledby="office-files-h">
          <h3 class="case-file-h" id="office-files-h">
            附加的材料（{files.length} 份）<span class="case-file-note">工作人员、律师附加</span>
          </h3>
          {files.length ? <FileList c={props.c} files={files} onRemoved={onRemoved} /> : <p class="page-desc">还没有附加材料。</p>}
        </section>
      </div>
      <AttachForm caseId={props.c.id} onAdded={(f) => props.onFiles([...files, f])} />
    </section>
  );
}

function FileList(props: { c: CaseView; files: OfficeFile[]; onRemoved: (id: string) => void }) {
  const code = props.c.code_display || props.c.code;
  return (
    <ol class="cells">
      {props.files.map((f, i) => {
        const pdf = f.content_type === 'application/pdf';
        return (
          <li key={f.id} class="cell doc" data-testid="office-file">
            <span class="cell-body">
              <strong>{f.kind_label}</strong> · {f.dated_on} · {f.label}
              <span class="case-file-meta">
                {pdf ? `PDF ${f.pages ?? ''} 页` : '照片'}
                {f.added_by ? ` · ${f.added_by}附加` : ''}
              </span>
            </span>
            <Download path={f.download_url || `${f.url}?download=1`} name={`${code}-file-${i + 1}-${f.label}.${pdf ? 'pdf' : 'jpg'}`}>
              下载
            </Download>
            {f.removable && <RemoveFile caseId={props.c.id} f={f} onRemoved={props.onRemoved} />}
          </li>
        );
      })}
    </ol>
  );
}

/** 删除 (after a confirm): for a file attached by mistake; the worker's evidence has none. */
function RemoveFile(props: { caseId: number; f: OfficeFile; onRemoved: (id: string) => void }) {
  const { f } = props;
  const [error, setError] = useState('');
  const remove = async () => {
    if (!confirm(`确定删除这份材料吗？\n${f.kind_label} · ${f.dated_on} · ${f.label}\n删除后案件里不再显示，系统留有记录。`)) return;
    try {
      await removeFile(props.caseId, f.id!);
      props.onRemoved(f.id!);
    } catch (x) {
      setError(errorText(x));
    }
  };
  return (
    <span class="download">
      <button type="button" class="btn btn-default btn-small" aria-label={`删除：${f.label}`} onClick={remove}>
        删除
      </button>
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

function AttachForm(props: { caseId: number; onAdded: (f: OfficeFile) => void }) {
  const [kind, setKind] = useState('mediation_agreement');
  const [day, setDay] = useState('');
  const [label, setLabel] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState(newId);
  const [st, setSt] = useState<{ busy?: boolean; error?: string; fields?: Record<string, string>; done?: string }>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return setSt({ error: '请先选择要附加的文件（照片或 PDF）。' });
    const form = new FormData();
    form.append('kind', kind);
    form.append('dated_on', day);
    form.append('label', label);
    form.append('file', file, file.name);
    setSt({ busy: true });
    try {
      const added = await attachFile(props.caseId, form, key);
      props.onAdded(added);
      setKey(newId());
      setLabel('');
      setSt({ done: `已附加：${added.kind_label} · ${added.label}` });
    } catch (err) {
      const fields = err instanceof HttpError ? err.fields : {};
      setSt({ error: errorText(err), fields });
    }
  };
  const f = st.fields || {};
  return (
    <form class="case-box case-attach" onSubmit={submit} aria-label="附加材料">
      <h3 class="case-file-h">附加材料（照片或 PDF，最大 20 MB）</h3>
      <ul class="cells">
        <Select id="file-kind" label="材料类别" value={kind} onChange={setKind} options={KINDS} error={f['form.kind']} />
        <DateField id="file-date" label="材料上的日期" value={day} onInput={setDay} past required error={f['form.dated_on']} />
        <Field id="file-label" label="说明" placeholder="例如：区劳动争议仲裁院调解书" value={label} onInput={setLabel} maxLength={60} required error={f['form.label']} />
        <FileField id="file-file" label="文件" accept="application/pdf,.pdf,image/jpeg,image/png,image/webp" error={f['files.file']} onChange={(chosen) => { setFile(chosen); setKey(newId()); }} />
      </ul>
      {st.done && <p class="ok-box" role="status">{st.done}</p>}
      <FormEnd error={st.error || ''} submit={st.busy ? '正在上传…' : '附加到案件'} disabled={!!st.busy} note="PDF 不能含脚本、附件，最多 500 页；照片会去掉拍摄位置等信息。" />
    </form>
  );
}
