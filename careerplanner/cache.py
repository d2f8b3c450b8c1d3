"""The cache on Redis, failing open: when Redis is down or hung, sign-in goes on without its
rate limits (with a warning in the log) rather than nobody being able to sign in, and
without waiting on Redis at every call (issue 12, finding 3)."""

import logging
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

log = logging.getLogger("careerplanner.cache")

# After a failed call, Redis is left alone this long: a hung Redis costs one socket
# timeout per process every so often, not one per cache call (a sign-in makes a dozen).
RETRY_AFTER_SECONDS = 10


class FailOpenRedisCache(RedisCache):
    """django-redis for the calls allauth's rate limits make (add, get, set, delete), each
    answering as an empty cache would while Redis is away. `add` answers True: allauth
    takes a lock with it, and a failed lock would refuse the sign-in with 429. Other calls
    keep django-redis's IGNORE_EXCEPTIONS behaviour."""

    _away_until = 0.0  # one per process, shared by every thread's cache object

    def _call(self, method: str, when_away, *args, **kwargs):
        if time.monotonic() < FailOpenRedisCache._away_until:
            return when_away
        try:
            return getattr(self.client, method)(*args, **kwargs)
        except ConnectionInterrupted:
            FailOpenRedisCache._away_until = time.monotonic() + RETRY_AFTER_SECONDS
            log.warning(
                "The Redis cache is not answering; sign-in rate limits are off for %s s.",
                RETRY_AFTER_SECONDS,
                exc_info=True,
            )
            return when_away

    def get(self, key, default=None, version=None, client=None):
        return self._call("get", default, key, default=default, version=version, client=client)

    def set(self, *args, **kwargs):
        return self._call("set", False, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", True, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", False, *args, **kwargs)
