import { Select } from 'antd';
import { useT } from '../../../app/i18n.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

/** This year and the four before it. */
export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const t = useT();
  const now = chinaYear();
  return (
    <Select
      aria-label={t('duty.year')}
      value={value}
      onChange={onChange}
      // In em: the year stays whole in large-text mode.
      style={{ minWidth: '7.5em' }}
      // Next year too: in December, January's activities are already planned.
      options={[-1, 0, 1, 2, 3, 4].map((i) => ({ value: now - i, label: t('duty.yearOption', { year: now - i }) }))}
      data-testid="year-select"
    />
  );
}
