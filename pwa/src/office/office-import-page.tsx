// 办公室 → 导入: a phone that could not send saved its queue (导出待发送记录); staff load the
// file here, see what it holds, then apply it through the same path as the phone's own sending,
// each entry once, with what happened to each. The state lives in useImport; the parts in
// import-parts.tsx.
import { HeldSummary, ImportResults } from './import-parts';
import { Office } from './office-nav';
import { useImport } from './use-import';
import './office-admin.css';

export function OfficeImportPage() {
  const im = useImport();
  const shown = im.done || im.preview;
  return (
    <Office section="import" title="导入待发送记录">
      <p class="page-desc">手机一直发不出去时，志愿者或工友在「待发送」里点「导出待发送记录」，把文件交给你。选这个文件，先看里面有什么，再导入。同一个文件导入两次，也不会重复计数。</p>
      <div class="office-form">
        <label>
          选文件（.json）
          <input type="file" accept=".json,application/json" data-testid="import-file" disabled={im.busy} onChange={(e) => void im.choose(e.target as HTMLInputElement)} />
        </label>
      </div>
      {im.busy && (
        <p class="loading" role="status">
          正在处理…
        </p>
      )}
      {im.error && (
        <p class="form-error" role="alert">
          {im.error}
        </p>
      )}
      {shown && <HeldSummary shown={shown} done={!!im.done} busy={im.busy} onApply={im.done ? undefined : () => void im.apply()} />}
      {im.done && <ImportResults done={im.done} />}
    </Office>
  );
}
