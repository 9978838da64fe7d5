/**
 * The Redis scripts of the shared routing state. ioredis loads each once and calls it by
 * SHA (EVALSHA), sending the source again only when Redis answers NOSCRIPT (after a
 * restart or SCRIPT FLUSH).
 */

/**
 * All-or-nothing reservation of one slot in every bucket window.
 * KEYS: the window counters. ARGV: per key, its expiry (absolute ms) then its limit.
 * Returns {1, count1, count2, ...} when granted, {0, index, count} naming the full one.
 */
export const RESERVE_LUA = `
for i, key in ipairs(KEYS) do
  local used = tonumber(redis.call('GET', key) or '0')
  if used >= tonumber(ARGV[i * 2]) then
    return {0, i, used}
  end
end
local out = {1}
for i, key in ipairs(KEYS) do
  out[i + 1] = redis.call('INCR', key)
  redis.call('PEXPIREAT', key, ARGV[i * 2 - 1])
end
return out
`;

/** Gives back ARGV[1] slots of one window counter, never below zero; an expired window stays gone. */
export const RELEASE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local left = redis.call('DECRBY', KEYS[1], ARGV[1])
if left < 0 then
  redis.call('SET', KEYS[1], '0', 'KEEPTTL')
  return 0
end
return left
`;
