import { usePrefs } from '../../../app/prefs.js';
import { App as AntApp, Button, Card, Flex, InputNumber, Select, Typography } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, withQuery } from '../../../app/api-client.js';
import type { DeputyView, Page } from '../../../app/contracts.js';
import { errorMessage } from '../../../app/form-errors.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { useDebounced } from '../../../app/use-debounced.js';
import { useMyDuty } from '../../deputies/api.js';
import { feedLink, useReceptions } from '../api.js';
import { ModeTag, StatusTag } from './ReceptionTags.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

/** A deputy's year: their receptions, and the address of their calendar feed (iCalendar). */
export function DeputyYearPanel() {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = AntApp.useApp();
  const [q, setQ] = useState('');
  const search = useDebounced(q, 300);
  const [deputyId, setDeputyId] = useState<number>();
  const [year, setYear] = useState(chinaYear());
  const [feed, setFeed] = useState<string | null>(null);
  const deputies = useQuery({
    queryKey: ['deputies', 'pick', search],
    queryFn: () => api<Page<DeputyView>>('GET', withQuery('/api/deputies', { q: search || undefined, limit: 50 })),
  });
  // A deputy's own year comes first: the panel opens on the signed-in deputy until another is chosen.
  const me = useMyDuty().data?.deputy ?? null;
  const shown = deputyId ?? me?.id;
  const options = (deputies.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));
  if (me && !options.some((o) => o.value === me.id)) options.unshift({ value: me.id, label: me.name });
  const list = useReceptions({ deputyId: shown, from: `${year}-01-01`, to: `${year}-12-31` }, !!shown);
  return (
    <Card>
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Select<number>
          style={{ minWidth: 240 }}
          showSearch={{ filterOption: false, onSearch: setQ }}
          placeholder={t('receptions.deputy.pick')}
          aria-label={t('receptions.deputy.pick')}
          value={shown}
          onChange={(v) => {
            setDeputyId(v);
            setFeed(null);
          }}
          options={options}
          data-testid="deputy-year-pick"
        />
        <InputNumber
          aria-label={t('receptions.plan.year')}
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => v && setYear(v)}
          addonBefore={t('receptions.plan.year')}
        />
        {shown ? (
          <Button
            onClick={() =>
              void feedLink(shown).then(
                (f) => setFeed(f.url),
                (e: unknown) => message.error(errorMessage(e, t)),
              )
            }
          >
            {t('receptions.deputy.feed')}
          </Button>
        ) : null}
      </Flex>
      {feed ? (
        <Typography.Paragraph copyable={{ text: feed }} type="secondary">
          {t('receptions.deputy.feedHelp')} {feed}
        </Typography.Paragraph>
      ) : null}
      <ResponsiveTable
        size="small"
        rowKey="id"
        pagination={false}
        loading={!!shown && list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('receptions.deputy.none') }}
        columns={[
          {
            key: 'day',
            title: t('receptions.field.day'),
            render: (_, r) => <Link to={`/receptions/${r.id}`}>{r.day}</Link>,
          },
          { key: 'time', title: t('receptions.field.time'), render: (_, r) => `${r.start}–${r.end}` },
          { key: 'station', title: t('receptions.compliance.station'), dataIndex: 'stationName' },
          { key: 'mode', title: t('receptions.col.mode'), render: (_, r) => <ModeTag mode={r.mode} /> },
          { key: 'status', title: t('receptions.col.status'), render: (_, r) => <StatusTag status={r.status} /> },
          {
            key: 'signed',
            title: t('receptions.deputy.signedIn'),
            render: (_, r) => {
              const d = r.duty.find((x) => x.deputyId === shown);
              return d?.signedInAt ? formatDateTime(d.signedInAt, lang) : '—';
            },
          },
        ]}
      />
    </Card>
  );
}
