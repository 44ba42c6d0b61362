// A site's board facts (GET /api/v1/sites/{code}): asked with the ETag of the copy on the phone (a 304
// costs a few bytes on a weak link), and kept in IndexedDB's kv store after the first open, so the
// page, the apply form's ?site= prefill (sitePrefill, below: one chunk with the page's store) and the
// day log (记工) have them offline.
import type { Answers } from '../aid/answers';
import { httpError, OfflineError, request } from '../core/api';
import { readKv, writeKv } from '../core/db';
import { typedNumber } from '../core/digits';
import type { Answer } from '../core/schemas';

export type SiteInfo = Answer<'SiteOut'>;

interface Kept {
  etag: string;
  site: SiteInfo;
}

const LOOK_ALIKE_FREE = /^[34679ACDEFGHJKMNPQRTUVWXY]{8}$/;

/** What a person typed or a link carried ('acd3-4efg', full-width) → the stored code, or '' for no code. */
export function siteCode(raw: string | null): string {
  const code = typedNumber(raw || '').toUpperCase().replace(/[^0-9A-Z]/g, '');
  return LOOK_ALIKE_FREE.test(code) ? code : '';
}

const key = (code: string) => `site:${code}`;

/** The site as last seen on this phone, or undefined. */
export async function cachedSite(code: string): Promise<SiteInfo | undefined> {
  return (await readKv<Kept>(key(siteCode(code))))?.value.site;
}

/** The site from the server (304: the kept copy), kept for offline; offline, the kept copy (`saved`). */
export async function loadSite(raw: string): Promise<{ site: SiteInfo; saved: boolean }> {
  const code = siteCode(raw);
  const kept = (await readKv<Kept>(key(code)))?.value;
  try {
    const res = await request(`/api/v1/sites/${code || encodeURIComponent(raw)}`, {
      headers: { Accept: 'application/json', ...(kept ? { 'If-None-Match': `"${kept.etag}"` } : {}) },
    });
    if (res.status === 304 && kept) return { site: kept.site, saved: false };
    if (!res.ok) throw await httpError(res);
    const site = (await res.json()) as SiteInfo;
    const etag = (res.headers.get('ETag') || '').replace(/^W\//, '').replace(/"/g, '');
    void writeKv(key(site.code), { etag, site });
    return { site, saved: false };
  } catch (err) {
    if (err instanceof OfflineError && kept) return { site: kept.site, saved: true };
    throw err;
  }
}

// /aid/apply?site=CODE: the application's answers from the site's board (imported by the apply page only
// when a link carries a site code, so its own chunk does not grow): the employer (the 劳务分包, else the
// 总包), the 总包, the 建设单位, the site and its district, and the site's code.
export function answersOf(s: SiteInfo): Partial<Answers> {
  return {
    employer_name: s.subcontractor || s.contractor,
    contractor: s.contractor,
    owner: s.owner,
    site: s.name,
    project: s.name,
    district: s.division_name,
    site_division: s.division,
    site_code: s.code,
  };
}

/** The answers from the kept copy, else from the server; {} when neither has the site (the form opens as it is). */
export async function sitePrefill(code: string): Promise<Partial<Answers>> {
  const site = (await cachedSite(code)) || (await loadSite(code).then((r) => r.site, () => undefined));
  return site && site.status === 'active' ? answersOf(site) : {};
}
