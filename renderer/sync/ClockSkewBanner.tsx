import { useTranslation } from 'react-i18next';
import { clockSkew, skewAmount } from '../../shared/sync/clock';
import { useClockReading } from './hooks';

/**
 * Issue 13: a banner on every screen while this workstation's clock is more than 5 minutes off HQ's, as
 * the last pull measured it — capture times, deadlines and complaint numbers depend on it.
 */
export function ClockSkewBanner() {
  const { t, i18n } = useTranslation('sync');
  const reading = useClockReading();
  const skew = clockSkew(reading?.offsetMs);
  if (!skew) return null;
  const { value, unit } = skewAmount(skew.offsetMs);
  const offset = new Intl.NumberFormat(i18n.language, { style: 'unit', unit, unitDisplay: 'long' }).format(
    value,
  );
  return (
    <div className="banner banner-warning" role="alert" data-testid="clock-skew">
      <strong>{t('clock.title')}</strong>{' '}
      {t(skew.direction === 'ahead' ? 'clock.ahead' : 'clock.behind', { offset })}
    </div>
  );
}
