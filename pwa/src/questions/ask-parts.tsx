// The parts of /ask below the voice and the words: the dates that matter for the kind of case, where the
// work was, a photo, the phone to be told on, and the two consents (voice and story are personal information).
import { useState } from 'preact/hooks';
import { PhotoPicker } from '../aid/photo-picker';
import { SiteArea } from '../aid/site-area';
import { DateField, Field } from '../core/form';
import { CheckBox } from '../core/form-extra';
import { Section } from '../core/cells';
import { DATE_LABELS, datesFor } from './body';
import type { Ask } from './use-ask';
import type { Asked } from './types';

export function bound(c: Ask, name: keyof Asked) {
  return { id: `q-${name}`, value: c.a[name] as string, onInput: (v: string) => c.set({ [name]: v } as Partial<Asked>), error: c.errors[name] };
}

export function Dates({ c }: { c: Ask }) {
  const dates = datesFor(c.a.case_type);
  if (!dates.length) return null;
  return (
    <Section id="q-dates-h" title="几个日子（记不清可以不填）">
      <ul class="cells">
        {dates.map((d) => (
          <DateField key={d} {...bound(c, d)} label={DATE_LABELS[d]} past />
        ))}
      </ul>
    </Section>
  );
}

export function Place({ c }: { c: Ask }) {
  return (
    <Section id="q-place-h" title="在哪里干的活（可不填）">
      {c.a.site_code && (
        <p class="msg" data-testid="q-site">
          工地编号 {c.a.site_code}（从工地的告示牌来，会交给管这个工地的法律援助中心）{' '}
          <button type="button" class="btn btn-small btn-default" onClick={() => c.set({ site_code: '' })}>不是这个工地</button>
        </p>
      )}
      <ul class="cells">
        <Field {...bound(c, 'city')} label="城市" placeholder="如：成都市" />
        <Field {...bound(c, 'district')} label="区县" placeholder="如：武侯区" />
        <SiteArea {...bound(c, 'site_division')} />
      </ul>
    </Section>
  );
}

export function Photo({ c }: { c: Ask }) {
  const [open, setOpen] = useState(c.photos.length > 0);
  return (
    <Section id="q-photo-h" title="照片（可不加）">
      {open ? (
        <PhotoPicker ownerId={c.draft.id} photos={c.photos} setPhotos={(p) => c.setPhotos(p.slice(0, 3))} setProblem={c.setProblem} idPrefix="q-ph" />
      ) : (
        <button type="button" class="btn btn-default" onClick={() => setOpen(true)}>
          加一张照片（欠条、工资条、聊天截图…）
        </button>
      )}
      {c.photos.length >= 3 && <p class="page-desc">最多 3 张照片。</p>}
    </Section>
  );
}

export const PRIVACY =
  '你说的话、写的字和照片，只交给法律援助机构的工作人员、律师和志愿者，用来回答你的问题。手机号加密保存，只显示后四位，每次查看都有记录。不卖给别人，不做广告。发出去以后，这台手机上的录音会自动删掉。';
export const SENSITIVE = '录音里的声音、你的经历（比如受伤）属于个人信息，有的属于敏感个人信息。按《个人信息保护法》第二十九条，要你单独同意才能提供。';

export function Contact({ c }: { c: Ask }) {
  return (
    <Section id="q-contact-h" title="回复发到哪个手机">
      <ul class="cells">
        <Field {...bound(c, 'phone')} label="手机号" type="tel" inputMode="tel" autoComplete="tel" hint="回复了会发短信到这个手机，查看回复也要用它" />
      </ul>
      <p class="msg consent-text">{PRIVACY}</p>
      <ul class="cells">
        <CheckBox id="q-consent_privacy" label="我已经看过，同意上面的隐私说明。" checked={c.a.consent_privacy} onChange={(v) => c.set({ consent_privacy: v })} error={c.errors.consent_privacy} />
      </ul>
      <p class="msg consent-text">{SENSITIVE}</p>
      <ul class="cells">
        <CheckBox id="q-consent_sensitive" label="我单独同意提供录音和经过，只用来回答我的问题。" checked={c.a.consent_sensitive} onChange={(v) => c.set({ consent_sensitive: v })} error={c.errors.consent_sensitive} />
      </ul>
    </Section>
  );
}
