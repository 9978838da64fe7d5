/** A cost in USD for people: cents above a cent, five decimals below; '' when unknown. */
export function formatUsd(usd: number | null): string {
  if (usd === null) return '';
  return usd >= 0.01 ? `$${usd.toFixed(2)}` : `$${usd.toFixed(5)}`;
}
