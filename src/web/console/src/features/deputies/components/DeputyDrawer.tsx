import { EditOutlined } from '@ant-design/icons';
import { Button, Descriptions, Divider, Drawer, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { useDeputy } from '../api.js';
import { DeputyAccount, DeputyAccountLink } from './DeputyAccountLink.js';
import { DeputyFormModal } from './DeputyFormModal.js';
import { DeputyLevelTags } from './DeputyLevelTags.js';
import { DeputyPhoto } from './DeputyPhoto.js';
import { DeputyStatusChange } from './DeputyStatusChange.js';
import { DeputyStatusTag } from './DeputyStatusTag.js';
import { RevealContact } from './RevealContact.js';

/** One deputy's profile, with edit, status change and the audited view of the private phone. */
export function DeputyDrawer({ deputyId, onClose }: { deputyId: number | null; onClose: () => void }) {
  const t = useT();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const deputy = useDeputy(deputyId);
  const data = deputy.data;
  const or = (v: string | number | null) => (v === null || v === '' ? '—' : v);

  return (
    <Drawer
      open={deputyId !== null}
      onClose={onClose}
      size={600}
      title={data ? data.name : t('deputies.detail')}
      destroyOnHidden
      extra={
        data && can('deputy.manage') ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-deputy">
            {t('deputies.edit')}
          </Button>
        ) : null
      }
    >
      {deputy.isPending && deputyId !== null ? <Skeleton active /> : null}
      {deputy.isError ? <ErrorAlert error={deputy.error} /> : null}
      {data ? (
        <>
          <div style={{ marginBottom: 16 }}>
            <DeputyPhoto key={data.id} deputy={data} />
          </div>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: 150 } }}
            items={[
              {
                key: 'name',
                label: t('deputies.field.name'),
                children: (
                  <Flex gap={8} align="baseline">
                    <span>{data.name}</span>
                    <Typography.Text type="secondary">{data.nameInitials}</Typography.Text>
                  </Flex>
                ),
              },
              { key: 'status', label: t('deputies.field.status'), children: <DeputyStatusTag status={data.status} /> },
              { key: 'levels', label: t('deputies.field.levels'), children: <DeputyLevelTags levels={data.levels} /> },
              { key: 'org', label: t('deputies.field.org'), children: data.orgName },
              {
                key: 'stations',
                label: t('deputies.col.stations'),
                children: data.stations.length ? (
                  <Flex gap={4} wrap>
                    {data.stations.map((s) => (
                      <Tag key={s.id} color={s.isHead ? 'gold' : 'default'} style={{ marginInlineEnd: 0 }}>
                        <Link to={`/stations/${s.id}`}>{s.name}</Link>
                        {s.isHead ? ` · ${t('deputies.head')}` : ''}
                      </Tag>
                    ))}
                  </Flex>
                ) : (
                  '—'
                ),
              },
              {
                key: 'groups',
                label: t('deputies.groups'),
                children: data.groups.length ? (
                  <Flex gap={4} wrap>
                    {data.groups.map((g) => (
                      <Tag key={g.id} color={g.isLeader ? 'gold' : 'default'} style={{ marginInlineEnd: 0 }}>
                        {g.isLeader ? `${g.name} · ${t('deputies.groupLeader')}` : g.name}
                      </Tag>
                    ))}
                  </Flex>
                ) : (
                  '—'
                ),
              },
              {
                key: 'sex',
                label: t('deputies.field.sex'),
                children: data.sex ? t(`sex.${data.sex}`) : '—',
              },
              { key: 'birthYear', label: t('deputies.field.birthYear'), children: or(data.birthYear) },
              { key: 'ethnicity', label: t('deputies.field.ethnicity'), children: or(data.ethnicity) },
              { key: 'party', label: t('deputies.field.party'), children: or(data.party) },
              { key: 'occupation', label: t('deputies.field.occupation'), children: or(data.occupation) },
              { key: 'election', label: t('deputies.field.election'), children: t(`election.${data.election}`) },
              { key: 'constituency', label: t('deputies.field.constituency'), children: or(data.constituency) },
              { key: 'terms', label: t('deputies.field.term'), children: data.terms.join('、') || '—' },
              {
                key: 'cadre',
                label: t('deputies.field.leadingCadre'),
                children: data.isLeadingCadre ? t('deputies.yes') : t('deputies.no'),
              },
              { key: 'public', label: t('deputies.field.publicContact'), children: or(data.publicContact) },
              {
                key: 'phone',
                label: t('deputies.field.privatePhone'),
                children: <RevealContact key={data.id} deputy={data} />,
              },
              { key: 'account', label: t('deputies.account'), children: <DeputyAccount deputy={data} /> },
            ]}
          />
          {can('deputy.manage') ? (
            <>
              <Divider titlePlacement="start">{t('deputies.account')}</Divider>
              <DeputyAccountLink key={`${data.id}-${data.account?.id ?? 0}`} deputy={data} />
              <Divider titlePlacement="start">{t('deputies.section.status')}</Divider>
              <DeputyStatusChange key={`${data.id}-${data.status}`} deputy={data} />
            </>
          ) : null}
          <DeputyFormModal
            open={editing}
            deputy={data}
            onClose={() => setEditing(false)}
            onSaved={() => setEditing(false)}
          />
        </>
      ) : null}
    </Drawer>
  );
}
