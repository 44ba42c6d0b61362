// An answer's HTML as the plain text a reader sees: what read-aloud says and what search indexes
// (exactly the server's search.plain_text, pwa/tests/search-parity.test.js). Apart from search.ts so the
// card page can use it without loading the search code (which runs in a Web Worker).
const TAG = /<[^>]+>/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function plainText(html: string): string {
  return (html || '')
    .replace(TAG, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, e: string) => {
      if (e[0] === '#') {
        const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(n) ? String.fromCodePoint(n) : all;
      }
      return ENTITIES[e.toLowerCase()] ?? all;
    })
    .trim();
}

