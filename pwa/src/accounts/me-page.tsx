import { useState } from 'preact/hooks';
import { OFFICE_ROLES, useMe, VOLUNTEER_ROLES } from './auth';
import { currentLocale, refreshPack, switchLocale } from '../cards/content';
import { mySignups } from '../events/events';
import { getTextSize, setTextSize, TEXT_SIZES, type TextSize } from '../core/settings';
import { isOffline, showToast, useStore } from '../core/store';
import type { Locale } from '../cards/types';
import { Arrow, PageHeader, useLoad, useTitle } from '../core/ui';
import { Account } from './account';

// What works without an account comes first (my sign-ups, text size, offline); signing in
// is at the end, for volunteers and staff, and for workers who want to.
export function MePage() {
  useTitle('我的');
  const st = useStore();
  const me = useMe();
  const mine = useLoad(mySignups, [st.outbox.version]);
  const volunteer = !!me && VOLUNTEER_ROLES.includes(me.role);
  const office = !!me && OFFICE_ROLES.includes(me.role);
  const [size, setSize] = useState<TextSize>(getTextSize());
  const [locale, setLoc] = useState<Locale>(currentLocale());
  const [checking, setChecking] = useState(false);
  const ready = st.shellCached && st.packSaved;
  return (
    <div class="page">
      <PageHeader title="我的" />
      <ul class="cells me-links">
        {office && (
          <li>
            <a class="cell cell-link" href="/office/events">
              <span class="cell-body">
                <span class="cell-title">办公室</span>
                <span class="cell-desc">活动、海报、签到表、总结，账号和审计</span>
              </span>
              <Arrow />
            </a>
          </li>
        )}
        {volunteer && (
          <li>
            <a class="cell cell-link" href="/checkin">
              <span class="cell-body">
                <span class="cell-title">现场签到</span>
                <span class="cell-desc">下载名单，没信号也能扫码、查找、现场登记</span>
              </span>
              <Arrow />
            </a>
          </li>
        )}
        {me?.role === 'lawyer' && (
          <li>
            <a class="cell cell-link" href="/cases">
              <span class="cell-body">
                <span class="cell-title">我的案件</span>
                <span class="cell-desc">指派给你的法律援助案件：接案、记录进展、结案</span>
              </span>
              <Arrow />
            </a>
          </li>
        )}
        {(me?.role === 'staff' || me?.role === 'admin') && (
          <li>
            <a class="cell cell-link" href="/office/cases">
              <span class="cell-body">
                <span class="cell-title">案件</span>
                <span class="cell-desc">法律援助申请：受理、审批、指派律师、结案、回访</span>
              </span>
              <Arrow />
            </a>
          </li>
        )}
        <li>
          <a class="cell cell-link" href="/aid">
            <span class="cell-body">
              <span class="cell-title">我的法律援助申请</span>
              <span class="cell-desc">申请、查进度；用手机号登录的工友能看到自己所有的申请</span>
            </span>
            <Arrow />
          </a>
        </li>
        <li>
          <a class="cell cell-link" href="/events">
            <span class="cell-body">
              <span class="cell-title">我的活动</span>
              <span class="cell-desc">报过名的活动和签到二维码，不用登录</span>
            </span>
            {!!mine.data?.length && <span class="cell-ft">{mine.data.length} 场</span>}
            <Arrow />
          </a>
        </li>
      </ul>

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

      <h2 class="cells-title">离线使用</h2>
      <ul class="cells">
        <li class="cell">
          <span class="cell-body">
            <span class="cell-title">{ready ? '已可离线使用' : '还没存好'}</span>
            <span class="cell-desc">
              {ready
                ? `没信号也能看全部 ${st.pack?.cards.length ?? 0} 张问答卡片（内容版本 ${st.pack?.version ?? ''}）`
                : '联网打开一次，等提示“已可离线使用”'}
            </span>
          </span>
        </li>
        <li>
          <button
            type="button"
            class="cell cell-link cell-button"
            disabled={checking || isOffline(st)}
            onClick={async () => {
              setChecking(true);
              const r = await refreshPack();
              setChecking(false);
              if (r === 'current') showToast('已经是最新内容');
              else if (r === 'offline') showToast('没有网络，稍后再试');
              else if (r === 'error') showToast('服务器出了点问题，稍后再试');
            }}
          >
            <span class="cell-body">
              <span class="cell-title">{checking ? '正在检查…' : '检查内容更新'}</span>
            </span>
          </button>
        </li>
      </ul>
      <Account />
      <p class="page-desc">工友法援 · 内容仅供参考，具体以当地规定和法律援助机构的意见为准。</p>
    </div>
  );
}
