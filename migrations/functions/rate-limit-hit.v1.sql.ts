import type { FunctionVersion } from './database-function.js';

/** Counts one hit on a fixed-window budget and answers 0, or the seconds until the window ends once the limit is passed. Counters are sharded by backend so concurrent requests do not queue on one row. */
export const rateLimitHitV1: FunctionVersion = {
  name: 'rate_limit_hit',
  args: 'p_bucket text, p_limit integer, p_window_seconds integer',
  returns: 'integer',
  language: 'plpgsql',
  version: 1,
  body: String.raw`
  DECLARE
    now_epoch double precision := extract(epoch FROM clock_timestamp());
    window_epoch double precision := floor(now_epoch / p_window_seconds) * p_window_seconds;
    w timestamp := to_timestamp(window_epoch) AT TIME ZONE 'UTC';
    total bigint;
  BEGIN
    INSERT INTO rate_limit_counters AS c (bucket, window_start, shard, hits)
    VALUES (p_bucket, w, pg_backend_pid() % 64, 1)
    ON CONFLICT (bucket, window_start, shard) DO UPDATE SET hits = c.hits + 1;
    SELECT sum(hits) INTO total FROM rate_limit_counters WHERE bucket = p_bucket AND window_start = w;
    IF total > p_limit THEN
      RETURN greatest(1, ceil(window_epoch + p_window_seconds - now_epoch))::integer;
    END IF;
    RETURN 0;
  END `,
};
