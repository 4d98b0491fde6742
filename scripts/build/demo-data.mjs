// The reference data sets the demo can switch to, served straight from $CRM_LENS_DATA (default
// ../shared/data) by a small middleware: never copied into the project or the build. The page asks
// `/__data/index.json` which of them exist here.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** The public data sets the demo offers, by id: file under the data folder and its content type. */
const DATASETS = {
  cdnow: { file: 'cdnow/CDNOW_master.txt', type: 'text/plain; charset=utf-8' },
  uci: { file: 'uci/online_retail.csv.gz', type: 'application/gzip' },
};

/** The data folder: $CRM_LENS_DATA, else ../shared/data next to the project. */
export function dataFolder(root) {
  return process.env.CRM_LENS_DATA ? resolve(process.env.CRM_LENS_DATA) : resolve(root, '..', 'shared', 'data');
}

/**
 * Connect-style middleware for `/__data/index.json` (which data sets exist) and `/__data/<id>` (the
 * file itself, streamed).
 * @param {string} root project root
 */
export function demoDataMiddleware(root) {
  const folder = dataFolder(root);
  const pathOf = (id) => resolve(folder, DATASETS[id].file);
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith('/__data/')) return next();
    const id = url.pathname.slice('/__data/'.length);
    if (id === 'index.json') {
      const available = Object.fromEntries(Object.keys(DATASETS).map((k) => [k, existsSync(pathOf(k))]));
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-store');
      return void res.end(JSON.stringify(available));
    }
    if (!Object.hasOwn(DATASETS, id) || !existsSync(pathOf(id))) {
      res.statusCode = 404;
      return void res.end(`data set "${id}" not found under ${folder}`);
    }
    res.setHeader('Content-Type', DATASETS[id].type);
    res.setHeader('Content-Length', String(statSync(pathOf(id)).size));
    createReadStream(pathOf(id)).pipe(res);
  };
}
