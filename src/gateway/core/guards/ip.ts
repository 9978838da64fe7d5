/** IP literal checks without node:net (the same answers as isIP for the forms HTTP headers carry). */
const V4_PART = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const V4 = new RegExp(`^${V4_PART}(\\.${V4_PART}){3}$`);

export function isIPv4(text: string): boolean {
  return V4.test(text);
}

export function isIPv6(text: string): boolean {
  const bare = text.replace(/%[^%]+$/, '');
  if (!/^[0-9a-fA-F:.]+$/.test(bare) || bare.length < 2) return false;
  let head = bare;
  let groupsFromV4 = 0;
  const lastColon = bare.lastIndexOf(':');
  if (bare.includes('.')) {
    if (!isIPv4(bare.slice(lastColon + 1))) return false;
    head = bare.slice(0, lastColon + 1) + '0';
    groupsFromV4 = 1;
  }
  const halves = head.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const parts = halves.flatMap(groups);
  if (parts.some((p) => !/^[0-9a-fA-F]{1,4}$/.test(p))) return false;
  const count = parts.length + groupsFromV4;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** 4, 6, or 0 for neither (as node:net's isIP). */
export function ipVersion(text: string): 0 | 4 | 6 {
  return isIPv4(text) ? 4 : isIPv6(text) ? 6 : 0;
}
