import { Button, Flex, Input, InputNumber, Select, Space, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReceptionRule } from '../../../app/contracts.js';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useDebounced } from '../../../app/use-debounced.js';
import { previewRule } from '../api.js';

type Kind = ReceptionRule['kind'];
type Monthly = Exclude<ReceptionRule, { kind: 'weekly' }>;

const kinds: readonly Kind[] = ['monthlyNthWeekday', 'lunarMonthlyDay', 'monthlyDay', 'weekly'];
const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
const nths = [1, 2, 3, 4, 5, -1] as const;
const intervals = [1, 2, 3, 4, 6, 12] as const;
const zhDigits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 初一, 16 → 十六, 23 → 廿三: how lunar days are written on the calendar. */
function lunarDayLabel(day: number): string {
  if (day <= 10) return `初${zhDigits[day]}`;
  if (day < 20) return `十${zhDigits[day - 10]}`;
  if (day === 20) return '二十';
  if (day < 30) return `廿${zhDigits[day - 20]}`;
  return '三十';
}

/** A rule of `kind` with sensible starting values (keeping the time and holiday handling). */
function ruleOfKind(kind: Kind, from: ReceptionRule | null): ReceptionRule {
  const keep = {
    ...(from?.time ? { time: from.time } : {}),
    ...(from?.skipHolidays ? { skipHolidays: from.skipHolidays } : {}),
  };
  switch (kind) {
    case 'weekly':
      return { kind, weekday: 3, ...keep };
    case 'monthlyDay':
      return { kind, day: 15, ...keep };
    case 'monthlyNthWeekday':
      return { kind, nth: 1, weekday: 3, ...keep };
    case 'lunarMonthlyDay':
      return { kind, lunarDay: 16, ...keep };
  }
}

/**
 * Edits a station's reception-day rule (works inside a Form.Item): the kind, its day, how often,
 * the time and what happens on public holidays; shows how the rule reads and its next three days
 * (from the server's working calendar), and can recognise a rule written in words.
 */
export function ReceptionRuleEditor({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: ReceptionRule | null;
  onChange?: (rule: ReceptionRule | null) => void;
}) {
  const t = useT();
  const { lang } = usePrefs();
  const rule = value ?? null;
  const [text, setText] = useState('');
  const [notRecognised, setNotRecognised] = useState(false);
  const set = (next: ReceptionRule | null) => onChange?.(next);
  const patch = (fields: Partial<Monthly> | Partial<ReceptionRule>) =>
    rule && set({ ...rule, ...fields } as ReceptionRule);

  // How the rule reads and its next days, asked of the server once the rule stops changing.
  const settled = useDebounced(JSON.stringify(rule), 250);
  const previewed = useQuery({
    queryKey: ['stations', 'rulePreview', settled],
    queryFn: () => previewRule({ rule: JSON.parse(settled) as ReceptionRule }),
    enabled: settled !== 'null',
    placeholderData: keepPreviousData,
  });
  const preview = rule ? previewed.data : undefined;

  const recognise = async () => {
    const found = await previewRule({ text: text.trim() }).catch(() => null);
    setNotRecognised(!found?.rule);
    if (found?.rule) {
      set(found.rule);
      setText('');
    }
  };

  const monthly = rule && rule.kind !== 'weekly' ? rule : null;
  const weekdayOptions = weekdays.map((d) => ({ value: d, label: t(`weekday.${d}` as MessageKey) }));

  return (
    <Flex vertical gap={8} id={id} data-testid="rule-editor">
      <Space wrap>
        <Select<Kind | 'none'>
          aria-label={t('stations.rule.kind')}
          value={rule?.kind ?? 'none'}
          onChange={(k) => set(k === 'none' ? null : ruleOfKind(k, rule))}
          options={[
            ...kinds.map((k) => ({ value: k, label: t(`stations.rule.${k}` as MessageKey) })),
            { value: 'none' as const, label: t('stations.rule.none') },
          ]}
          style={{ width: 200 }}
          data-testid="rule-kind"
        />
        {monthly ? (
          <Select<number>
            aria-label={t('stations.rule.every')}
            value={monthly.everyMonths ?? 1}
            onChange={(n) => patch({ everyMonths: n, ...(n === 1 ? { startMonth: undefined } : {}) })}
            options={intervals.map((n) => ({ value: n, label: t(`stations.rule.every.${n}` as MessageKey) }))}
            style={{ width: 120 }}
          />
        ) : null}
        {monthly && (monthly.everyMonths ?? 1) > 1 ? (
          <Select<number>
            aria-label={t('stations.rule.startMonth')}
            value={monthly.startMonth ?? 1}
            onChange={(m) => patch({ startMonth: m })}
            options={Array.from({ length: monthly.everyMonths ?? 1 }, (_, i) => ({
              value: i + 1,
              label: t('stations.rule.month', { n: i + 1 }),
            }))}
            style={{ width: 110 }}
          />
        ) : null}
        {rule?.kind === 'monthlyNthWeekday' ? (
          <Select<number>
            aria-label={t('stations.rule.nth')}
            value={rule.nth}
            onChange={(nth) => patch({ nth })}
            options={nths.map((n) => ({ value: n, label: t(`stations.rule.nth.${n}` as MessageKey) }))}
            style={{ width: 120 }}
            data-testid="rule-nth"
          />
        ) : null}
        {rule?.kind === 'weekly' || rule?.kind === 'monthlyNthWeekday' ? (
          <Select<number>
            aria-label={t('stations.rule.weekday')}
            value={rule.weekday}
            onChange={(weekday) => patch({ weekday })}
            options={weekdayOptions}
            style={{ width: 120 }}
            data-testid="rule-weekday"
          />
        ) : null}
        {rule?.kind === 'monthlyDay' ? (
          <InputNumber<number>
            aria-label={t('stations.rule.day')}
            min={1}
            max={31}
            precision={0}
            value={rule.day}
            onChange={(day) => day && patch({ day })}
            suffix={t('stations.rule.dayUnit')}
            style={{ width: 100 }}
          />
        ) : null}
        {rule?.kind === 'lunarMonthlyDay' ? (
          <Select<number>
            aria-label={t('stations.rule.lunarDay')}
            value={rule.lunarDay}
            onChange={(lunarDay) => patch({ lunarDay })}
            options={Array.from({ length: 30 }, (_, i) => ({ value: i + 1, label: lunarDayLabel(i + 1) }))}
            style={{ width: 110 }}
            data-testid="rule-lunar-day"
          />
        ) : null}
      </Space>
      {rule ? (
        <Space wrap>
          <TimePicker.RangePicker
            aria-label={t('stations.rule.time')}
            format="HH:mm"
            minuteStep={5}
            order
            value={rule.time ? [dayjs(rule.time.start, 'HH:mm'), dayjs(rule.time.end, 'HH:mm')] : null}
            onChange={(range) =>
              patch({
                time:
                  range?.[0] && range[1]
                    ? { start: range[0].format('HH:mm'), end: range[1].format('HH:mm') }
                    : undefined,
              })
            }
            placeholder={[t('stations.rule.time'), t('stations.rule.time')]}
          />
          <Select<'none' | 'next' | 'skip'>
            aria-label={t('stations.rule.holidays')}
            value={rule.skipHolidays ?? 'none'}
            onChange={(h) => patch({ skipHolidays: h === 'none' ? undefined : h })}
            options={(['none', 'next', 'skip'] as const).map((h) => ({
              value: h,
              label: `${t('stations.rule.holidays')}${t('common.colon')}${t(`stations.rule.holidays.${h}`)}`,
            }))}
            style={{ width: 260 }}
          />
        </Space>
      ) : null}
      {rule && preview?.description ? (
        <Typography.Text type="success" data-testid="rule-preview">
          {preview.next.length
            ? t('stations.rule.preview', {
                text: lang === 'en' ? preview.description.en : preview.description.zh,
                dates: preview.next.join('、'),
              })
            : t('stations.rule.previewNone')}
        </Typography.Text>
      ) : null}
      <Space.Compact style={{ maxWidth: 460 }}>
        <Input
          aria-label={t('stations.rule.fromText')}
          placeholder={t('stations.rule.fromTextPlaceholder')}
          value={text}
          maxLength={200}
          onChange={(e) => {
            setText(e.target.value);
            setNotRecognised(false);
          }}
          onPressEnter={(e) => {
            e.preventDefault();
            if (text.trim()) void recognise();
          }}
          data-testid="rule-text"
        />
        <Button onClick={() => void recognise()} disabled={!text.trim()} data-testid="rule-recognise">
          {t('stations.rule.recognise')}
        </Button>
      </Space.Compact>
      {notRecognised ? <Typography.Text type="warning">{t('stations.rule.notRecognised')}</Typography.Text> : null}
    </Flex>
  );
}
