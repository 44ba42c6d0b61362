// 新建工地 / 修改工地: what the site's rights notice board shows (保障农民工工资支付条例第三十四条), typed in,
// no map service: the address as words and the district as its 6-digit code. The API's own checks, each beside its field.
import { useState } from 'preact/hooks';
import { Field, FormEnd } from '../../core/form';
import { Select } from '../../core/form-extra';
import { navigate } from '../../core/router';
import { showToast } from '../../core/store';
import { useLoad } from '../../core/ui';
import { Pending } from '../../core/cells';
import { HttpError } from '../../core/api';
import { Office } from '../../office/office-nav';
import { createSite, patchSite, siteRecords, type SiteFields, type SiteRow } from './site-api';

const TEXTS: [keyof SiteFields, string, string?][] = [
  ['name', '工程名称'],
  ['address', '工程地址（写清街道、门牌）'],
  ['division', '区县代码', '6 位行政区划代码，例如锦江区 510104；申请会送到负责这个区县的机构'],
  ['owner', '建设单位'],
  ['contractor', '施工总承包单位'],
  ['subcontractor', '劳务分包单位（没有可不填）'],
  ['wage_officer', '劳资专管员'],
  ['wage_officer_phone', '劳资专管员的工作电话', '会印在告示牌上，公开给工友'],
  ['pay_day', '工资支付日期', '例如：每月15日'],
  ['minimum_wage', '当地最低工资标准', '例如：月2100元、小时22元（按当地最新公布的写）'],
  ['inspection', '当地劳动保障监察（投诉的地方）'],
  ['inspection_phone', '劳动保障监察电话'],
];
const STATUSES = [
  { id: 'active', label: '在建' },
  { id: 'finished', label: '已完工' },
];

type Form = Record<string, string>;

export function SiteEditPage(props: { code?: string }) {
  const title = props.code ? '修改工地' : '新建工地';
  return (
    <Office section="sites" title={title} back={props.code ? `/office/sites/${props.code}` : '/office/sites'}>
      {props.code ? <Existing code={props.code} /> : <SiteForm />}
    </Office>
  );
}

function Existing(props: { code: string }) {
  const got = useLoad(() => siteRecords(props.code), [props.code]);
  if (!got.data) return <Pending of={got} />;
  return <SiteForm site={got.data} />;
}

function SiteForm(props: { site?: SiteRow }) {
  const start: Form = { status: 'active' };
  for (const [k] of TEXTS) start[k] = props.site ? String(props.site[k as keyof SiteRow] ?? '') : '';
  if (props.site) start.status = props.site.status;
  const [f, setF] = useState<Form>(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError('');
    setErrors({});
    const body = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.trim()])) as unknown as SiteFields;
    try {
      const saved = props.site ? await patchSite(props.site.code, body) : await createSite(body);
      showToast('已保存');
      navigate(`/office/sites/${saved.code}`, { replace: !!props.site });
    } catch (err) {
      if (err instanceof HttpError) setErrors(err.fields);
      setError(err instanceof Error ? err.message : '出了点问题，请稍后再试。');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form noValidate onSubmit={(e) => (e.preventDefault(), void save())}>
      <ul class="cells">
        {TEXTS.map(([k, label, hint]) => (
          <Field key={k} id={`site-${k}`} label={label} hint={hint} value={f[k]} onInput={(v) => setF({ ...f, [k]: v })} error={errors[k]} maxLength={200} />
        ))}
        {props.site && <Select id="site-status" label="状态" options={STATUSES} value={f.status} onChange={(v) => setF({ ...f, status: v })} error={errors.status} />}
      </ul>
      <FormEnd error={error} submit={busy ? '正在保存…' : '保存'} disabled={busy} note={props.site ? undefined : '保存后就能打印带二维码的告示牌，贴在工地大门。'} />
    </form>
  );
}
