// Preloaded (`node -r`) into the servers the bench measures: counts what each pg client sends, so
// the bench can print statements and transaction-control statements per request. Answers
// {type: 'count'} on the IPC channel; one integer add per query otherwise. BENCH_LOG_QUERIES=1 also
// prints each statement's first line to stderr (to see what a request sends).
'use strict';
const pg = require('pg');

const counts = { statements: 0, txControl: 0 };
const TX = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i;
const LOG = process.env.BENCH_LOG_QUERIES === '1';
const TIMES = process.env.BENCH_QUERY_TIMES === '1';
/** BENCH_QUERY_TIMES=1: per statement (its first 100 characters), how many and their total round-trip ms. */
const times = new Map();
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, ...rest) {
  counts.statements += 1;
  const text = typeof config === 'string' ? config : config && config.text;
  if (typeof text === 'string' && TX.test(text)) counts.txControl += 1;
  if (LOG) process.stderr.write(`[query] ${String(text).trim().split('\n')[0]}\n`);
  if (!TIMES) return query.call(this, config, ...rest);
  const key = String(text).replace(/\s+/g, ' ').trim().slice(0, 100);
  const t0 = process.hrtime.bigint();
  const done = () => {
    const t = times.get(key) ?? { n: 0, ms: 0 };
    t.n += 1;
    t.ms += Number(process.hrtime.bigint() - t0) / 1e6;
    times.set(key, t);
  };
  const cb = rest.findIndex((x) => typeof x === 'function');
  if (cb >= 0) {
    const f = rest[cb];
    rest[cb] = (...a) => (done(), f(...a));
    return query.call(this, config, ...rest);
  }
  const r = query.call(this, config, ...rest);
  if (r && typeof r.then === 'function') r.then(done, done);
  return r;
};

if (process.send) {
  process.on('message', (m) => {
    if (m && m.type === 'count') process.send({ type: 'count', ...counts });
    if (m && m.type === 'times') process.send({ type: 'times', times: [...times] });
  });
  // Let the server exit on its own signals: the channel must not keep it alive.
  process.channel.unref();
}
