import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/*
 * docker-compose.yml, read as Docker Compose reads it (the file is YAML with anchors and merge
 * keys): the services of the scale mode, their healthchecks, volumes and loopback-only ports.
 * (No Docker here: the file's structure is what is checked.)
 */

const root = join(__dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, any>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;

describe('docker-compose.yml', () => {
  it('has the app, a worker, Postgres and Redis', () => {
    expect(Object.keys(services).sort()).toEqual(['app', 'postgres', 'redis', 'worker']);
  });

  it('starts workers only with the scale profile, everything else always', () => {
    expect(services.worker.profiles).toEqual(['scale']);
    for (const name of ['app', 'postgres', 'redis']) expect(services[name].profiles).toBeUndefined();
  });

  it('gives every service a healthcheck with a command', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, test: Array.isArray(service.healthcheck?.test) && service.healthcheck.test.length > 1 }).toEqual({ name, test: true });
    }
  });

  it('publishes ports on the host loopback only, and none for the scalable worker', () => {
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p: unknown) => ({ name, port: String(p) })));
    expect(published.map((p) => p.name).sort()).toEqual(['app', 'postgres', 'redis']);
    for (const p of published) expect(p.port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    expect(services.worker.ports).toBeUndefined();
  });

  it('keeps the databases on named volumes and shares data and artifacts between the app and the workers', () => {
    expect(Object.keys(compose.volumes ?? {}).sort()).toEqual(['postgres-data', 'redis-data']);
    expect(services.postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(services.redis.volumes).toContain('redis-data:/data');
    for (const name of ['app', 'worker']) expect(services[name].volumes).toEqual(['./data:/app/data', './backtests:/app/backtests']);
  });

  it('points the app and the workers at the same Postgres database, and the workers at the Redis queue', () => {
    const db = services.app.environment.TRADINGGROUP_DB;
    expect(db).toMatch(/^postgres:\/\/tradinggroup:.*@postgres:5432\/tradinggroup$/);
    expect(services.worker.environment.TRADINGGROUP_DB).toBe(db);
    expect(services.worker.environment.TRADINGGROUP_QUEUE).toBe('redis://redis:6379');
    expect(services.worker.command).toEqual(['node', 'dist/src/cli.js', 'worker']);
    expect(services.app.command).toEqual(['node', 'dist/src/main.js']);
  });

  it('starts the app and the workers once Postgres and Redis are healthy', () => {
    for (const name of ['app', 'worker']) {
      expect(services[name].depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    }
  });
});
