// Writes a Brotli (.br) and a gzip (.gz) twin beside every text file of dist/, at the highest
// levels: once per build, not per request. server/web.py sends the twin a browser accepts, and
// nginx can serve them itself (brotli_static / gzip_static, deploy/nginx.conf). Runs last in the build.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = new Set(['.js', '.css', '.html', '.webmanifest', '.svg', '.json', '.txt', '.map']); // server/web.py COMPRESSIBLE
let raw = 0;
let br = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) walk(file);
    else if (TEXT.has(extname(name))) {
      const data = readFileSync(file);
      const brotli = brotliCompressSync(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      });
      writeFileSync(file + '.br', brotli);
      writeFileSync(file + '.gz', gzipSync(data, { level: 9 }));
      raw += data.length;
      br += brotli.length;
    }
  }
};
walk('dist');
console.log(`precompress: ${(raw / 1024).toFixed(1)} KiB of text, ${(br / 1024).toFixed(1)} KiB as Brotli`);
