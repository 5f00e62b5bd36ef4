/**
 * Compensation as money (R16; the handling issue records it later): an integer number of the currency's
 * minor units, never a float, so sums and reports are exact.
 */
export interface Money {
  /** E.g. 150000 for 1 500,00 ₽; 15000 for ₩15,000 (the won has no minor unit). */
  amountMinor: number;
  /** ISO 4217 code. */
  currency: string;
}

/** ISO 4217 minor-unit exponents of the currencies a branch may pay in; others default to 2. */
const MINOR_DIGITS: Record<string, number> = { RUB: 2, UAH: 2, CZK: 2, EUR: 2, USD: 2, KRW: 0 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

/** A money value as stored in events (compensation amounts, issue 15). */
export function isMoney(value: unknown): value is Money {
  if (!value || typeof value !== 'object') return false;
  const m = value as Partial<Money>;
  return (
    typeof m.amountMinor === 'number' &&
    Number.isSafeInteger(m.amountMinor) &&
    m.amountMinor >= 0 &&
    typeof m.currency === 'string' &&
    /^[A-Z]{3}$/.test(m.currency)
  );
}

/** The amount in major units, for Intl.NumberFormat (exact for every safe integer amount it prints). */
export function majorAmount(money: Money): number {
  return money.amountMinor / 10 ** minorDigits(money.currency);
}
