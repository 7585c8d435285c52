import { InputError } from '../backtests/input.error';
import { assertQueueDatabase, queuePrefixFrom, queueUrlFrom, redisConnectionOf } from './queue-config';

describe('queue configuration', () => {
  it('is off without TRADINGGROUP_QUEUE, or with it empty', () => {
    expect(queueUrlFrom({})).toBeNull();
    expect(queueUrlFrom({ TRADINGGROUP_QUEUE: '  ' })).toBeNull();
    expect(queueUrlFrom({ TRADINGGROUP_QUEUE: 'redis://q:6380' })).toBe('redis://q:6380');
  });

  it('reads host, port, credentials and database number from a redis URL', () => {
    expect(redisConnectionOf('redis://127.0.0.1:6379')).toEqual({ host: '127.0.0.1', port: 6379 });
    expect(redisConnectionOf('redis://redis')).toEqual({ host: 'redis', port: 6379 });
    expect(redisConnectionOf('rediss://me:p%40ss@q.example:6380/2')).toEqual({ host: 'q.example', port: 6380, username: 'me', password: 'p@ss', db: 2, tls: {} });
  });

  it('refuses a URL that is not redis://, naming the variable and hiding the password', () => {
    expect(() => redisConnectionOf('http://u:secret@h:1')).toThrow(new InputError('TRADINGGROUP_QUEUE: expected a redis:// or rediss:// URL, got "http://u:***@h:1"'));
    expect(() => redisConnectionOf('not a url')).toThrow('TRADINGGROUP_QUEUE: expected a redis:// URL, got "not a url"');
    expect(() => redisConnectionOf('redis://h/queue')).toThrow('TRADINGGROUP_QUEUE: the path of the URL must be a database number, got "/queue"');
  });

  it('prefixes the queue\'s keys with tradinggroup unless TRADINGGROUP_QUEUE_PREFIX names another', () => {
    expect(queuePrefixFrom({})).toBe('tradinggroup');
    expect(queuePrefixFrom({ TRADINGGROUP_QUEUE_PREFIX: 'staging-1' })).toBe('staging-1');
    expect(() => queuePrefixFrom({ TRADINGGROUP_QUEUE_PREFIX: 'a:b' })).toThrow('TRADINGGROUP_QUEUE_PREFIX: expected 1 to 64 letters, digits, dots, dashes or underscores, got "a:b"');
  });

  it('needs a Postgres database shared by the API and the workers', () => {
    expect(() => assertQueueDatabase('postgres://u:p@db:5432/tg')).not.toThrow();
    expect(() => assertQueueDatabase('/data/tradinggroup.sqlite')).toThrow(
      'TRADINGGROUP_QUEUE needs TRADINGGROUP_DB to be a postgres:// URL that the API and every worker reach (got /data/tradinggroup.sqlite)',
    );
  });
});
