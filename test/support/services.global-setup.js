/**
 * Jest global setup: looks once for the Postgres and Redis servers some suites need, and records
 * what it found in the environment the test workers inherit (see test/support/services.ts).
 * A server that is absent is not an error: those suites are skipped with a visible note.
 */
const net = require('node:net');
const { Client } = require('pg');

const DEFAULT_POSTGRES = 'postgres://tradinggroup:tradinggroup@127.0.0.1:5432/postgres';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

async function probePostgres(url) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const [{ can }] = (await client.query(`SELECT rolcreatedb OR rolsuper AS can FROM pg_roles WHERE rolname = current_user`)).rows;
    return can ? '' : 'its role may not create databases';
  } catch (err) {
    return err.message || String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function probeRedis(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (problem) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(3000, () => done('no answer within 3 s'));
    socket.once('error', (err) => done(err.message));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG') ? '' : `unexpected answer ${JSON.stringify(data.toString().trim())}`));
  });
}

module.exports = async function servicesGlobalSetup() {
  const postgres = (process.env.TRADINGGROUP_TEST_POSTGRES ||= DEFAULT_POSTGRES);
  const redis = (process.env.TRADINGGROUP_TEST_REDIS ||= DEFAULT_REDIS);
  const [pgProblem, redisProblem] = await Promise.all([probePostgres(postgres), probeRedis(redis)]);
  process.env.TG_TEST_POSTGRES_PROBLEM = pgProblem;
  process.env.TG_TEST_REDIS_PROBLEM = redisProblem;
};
