// The sections of 我的 (me-page.tsx): where the person's role takes them, the text size, the
// script (简体 or 繁體), and whether the app and the cards are on the phone for offline use.
import { useState } from 'preact/hooks';
import { OFFICE_ROLES, useMe, VOLUNTEER_ROLES } from './auth';
import { currentLocale, refreshPack, switchLocale } from '../cards/content';
import type { Locale } from '../cards/types';
import { mySignups } from '../events/events';
import { getTextSize, setTextSize, TEXT_SIZES, type TextSize } from '../core/settings';
import { isOffline, showToast, useStore } from '../core/store';
import { useLoad } from '../core/ui';
import { LinkCell } from '../core/cells';

/** The office, the check-in, the cases for whoever may open them; the aid and the events for all. */
export function MeLinks() {
  const st = useStore();
  const me = useMe();
  const mine = useLoad(mySignups, [st.outbox.version]);
  const volunteer = !!me && VOLUNTEER_ROLES.includes(me.role);
  const office = !!me && OFFICE_ROLES.includes(me.role);
  return (
    <ul class="cells me-links">
      {office && <LinkCell href="/office/events" title="办公室" desc="活动、海报、签到表、总结，账号和审计" />}
      {volunteer && <LinkCell href="/checkin" title="现场签到" desc="下载名单，没信号也能扫码、查找、现场登记" />}
      {me?.role === 'lawyer' && <LinkCell href="/cases" title="我的案件" desc="指派给你的法律援助案件：接案、记录进展、结案" />}
      {(me?.role === 'staff' || me?.role === 'admin') && <LinkCell href="/office/cases" title="案件" desc="法律援助申请：受理、审批、指派律师、结案、回访" />}
      {me &&
        (me.role === 'worker' ? (
          <LinkCell href="/me/questions" title="我的咨询" desc="问过的问题和回复" />
        ) : (
          <LinkCell href="/office/questions" title="回答咨询" desc="认领、回复工友的问一问" />
        ))}
      <LinkCell href="/aid" title="我的法律援助申请" desc="申请、查进度；用手机号登录的工友能看到自己所有的申请" />
      <LinkCell href="/events" title="我的活动" desc="报过名的活动和签到二维码，不用登录" after={!!mine.data?.length && <span class="cell-ft">{mine.data.length} 场</span>} />
    </ul>
  );
}

export function TextSizePick() {
  const [size, setSize] = useState<TextSize>(getTextSize());
  return (
    <>
      <h2 class="cells-title" id="size-h">字号</h2>
      <div class="segmented" role="radiogroup" aria-labelledby="size-h">
        {TEXT_SIZES.map((s) => (
          <button
            key={s.id}
            type="button"
            role="radio"
            aria-checked={size === s.id}
            class={size === s.id ? 'on' : ''}
            style={{ fontSize: `${s.px}px` }}
            onClick={() => {
              setTextSize(s.id);
              setSize(s.id);
            }}
          >
            {s.label}
          </button>
        ))}
      </div>
    </>
  );
}

export function LocalePick() {
  const [locale, setLoc] = useState<Locale>(currentLocale());
  return (
    <>
      <h2 class="cells-title" id="loc-h">文字</h2>
      <div class="segmented" role="radiogroup" aria-labelledby="loc-h">
        {(['zh-CN', 'zh-TW'] as Locale[]).map((l) => (
          <button
            key={l}
            type="button"
            role="radio"
            lang={l}
            aria-checked={locale === l}
            class={locale === l ? 'on' : ''}
            onClick={async () => {
              if (await switchLocale(l)) setLoc(l);
            }}
          >
            {l === 'zh-CN' ? '简体' : '繁體'}
          </button>
        ))}
      </div>
    </>
  );
}

/** Whether the app and the cards are kept on the phone, and a check for newer content. */
export function OfflineStatus() {
  const st = useStore();
  const [checking, setChecking] = useState(false);
  const ready = st.shellCached && st.packSaved;
  const check = async () => {
    setChecking(true);
    const r = await refreshPack();
    setChecking(false);
    if (r === 'current') showToast('已经是最新内容');
    else if (r === 'offline') showToast('没有网络，稍后再试');
    else if (r === 'error') showToast('服务器出了点问题，稍后再试');
  };
  return (
    <>
      <h2 class="cells-title">离线使用</h2>
      <ul class="cells">
        <li class="cell">
          <span class="cell-body">
            <span class="cell-title">{ready ? '已可离线使用' : '还没存好'}</span>
            <span class="cell-desc">
              {ready ? `没信号也能看全部 ${st.pack?.cards.length ?? 0} 张问答卡片（内容版本 ${st.pack?.version ?? ''}）` : '联网打开一次，等提示“已可离线使用”'}
            </span>
          </span>
        </li>
        <li>
          <button type="button" class="cell cell-link cell-button" disabled={checking || isOffline(st)} onClick={check}>
            <span class="cell-body">
              <span class="cell-title">{checking ? '正在检查…' : '检查内容更新'}</span>
            </span>
          </button>
        </li>
      </ul>
    </>
  );
}
