/** Request ids: random per process (or isolate) start, a counter per request; no crypto call per request. */
export function createRequestIds(): () => string {
  const prefix = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
  let counter = 0;
  return () => {
    counter = (counter + 1) % 0xffffffffffff;
    return `req_${prefix}${counter.toString(16).padStart(12, '0')}`;
  };
}
