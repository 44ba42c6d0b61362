// The route table's matcher (src/routes.tsx): a pattern is a path with named params, each name
// standing for one kind of segment, so '/events/:id' is /events/ and digits. A few dozen lines
// rather than preact-iso's Router: the table is matched in order, first row wins, as the
// regex chain it replaced did, and the first download stays smaller.

/** What each param name accepts (one path segment, never a '/'). */
export const PARAM_KINDS: Record<string, string> = {
  id: '\\d+', // a record's number
  other: '\\d+', // a second record's number (two cases compared)
  slug: '[a-z0-9-]+', // a topic's or a card's name in its URL
  uuid: '[0-9a-f-]{36}', // a sign-up kept on the phone
  sent: '[A-Za-z0-9_\\-:.]{8,80}', // a legal-aid form's id on the phone
  key: '[^/]+', // anything up to the next '/', still percent-encoded
  code: '[0-9A-Za-z-]{8,9}', // a site's code off its board (server/aid/codes.py), with or without its dash
  calc: '[a-z_]+', // a calculator's id (overtime, double_pay)
};

export type Params = Record<string, string>;

const compiled = new Map<string, { re: RegExp; names: string[] }>();

function compile(pattern: string): { re: RegExp; names: string[] } {
  let c = compiled.get(pattern);
  if (!c) {
    const names: string[] = [];
    const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([a-z]+)/g, (_, name: string) => {
      if (!(name in PARAM_KINDS)) throw new Error(`route ${pattern}: no param kind named ${name}`);
      names.push(name);
      return `(${PARAM_KINDS[name]})`;
    });
    c = { re: new RegExp(`^${source}$`), names };
    compiled.set(pattern, c);
  }
  return c;
}

/** The params of `path` (no trailing '/') if it matches `pattern`, else null. */
export function matchPath(pattern: string, path: string): Params | null {
  const { re, names } = compile(pattern);
  const m = path.match(re);
  if (!m) return null;
  const params: Params = {};
  names.forEach((name, i) => (params[name] = m[i + 1]));
  return params;
}

/** The path a URL routes by: '/' for the root, no trailing '/' anywhere else. */
export function routePath(url: URL): string {
  return url.pathname.replace(/\/+$/, '') || '/';
}
