// Preloaded (`node -r`) into the servers the bench measures: counts what each pg client sends, so
// the bench can print statements and transaction-control statements per request. Answers
// {type: 'count'} on the IPC channel; one integer add per query otherwise. BENCH_LOG_QUERIES=1 also
// prints each statement's first line to stderr (to see what a request sends).
'use strict';
const pg = require('pg');

const counts = { statements: 0, txControl: 0 };
const TX = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i;
const LOG = process.env.BENCH_LOG_QUERIES === '1';
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, ...rest) {
  counts.statements += 1;
  const text = typeof config === 'string' ? config : config && config.text;
  if (typeof text === 'string' && TX.test(text)) counts.txControl += 1;
  if (LOG) process.stderr.write(`[query] ${String(text).trim().split('\n')[0]}\n`);
  return query.call(this, config, ...rest);
};

if (process.send) {
  process.on('message', (m) => {
    if (m && m.type === 'count') process.send({ type: 'count', ...counts });
  });
  // Let the server exit on its own signals: the channel must not keep it alive.
  process.channel.unref();
}
