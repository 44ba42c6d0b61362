// 我的: what works without an account comes first (my sign-ups, text size, offline); signing in
// is at the end, for volunteers and staff, and for workers who want to. The sections are in
// me-parts.tsx, the account in account.tsx.
import { Page } from '../core/cells';
import { Account } from './account';
import { LocalePick, MeLinks, OfflineStatus, TextSizePick } from './me-parts';

export function MePage() {
  return (
    <Page title="我的">
      <MeLinks />
      <TextSizePick />
      <LocalePick />
      <OfflineStatus />
      <Account />
      <p class="page-desc">工友法援 · 内容仅供参考，具体以当地规定和法律援助机构的意见为准。</p>
    </Page>
  );
}
