import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Tag, type TableColumnsType } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { useState } from 'react';
import type { StationView } from '../../../app/contracts.js';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { useAddMember, useRemoveMember } from '../api.js';
import { AddMemberModal } from './AddMemberModal.js';

type Member = StationView['members'][number];

/** The deputies on the station, head first; managers add, remove and choose the head. */
export function StationMembers({ station }: { station: StationView }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const setHead = useAddMember();
  const remove = useRemoveMember();
  const manage = can('station.manage');
  const fail = (error: unknown) => void message.error(errorMessage(error, t));

  const columns: TableColumnsType<Member> = [
    { key: 'name', title: t('stations.member.name'), dataIndex: 'name' },
    {
      key: 'role',
      title: t('stations.member.role'),
      render: (_, m) =>
        m.isHead ? (
          <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="head-tag">
            {t('stations.member.head')}
          </Tag>
        ) : null,
    },
    { key: 'since', title: t('stations.member.since'), dataIndex: 'since' },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, m) => (
        <Flex gap={4} wrap>
          {m.isHead ? null : (
            <Button
              size="small"
              type="link"
              loading={setHead.isPending && setHead.variables.deputyId === m.deputyId}
              onClick={() =>
                setHead
                  .mutateAsync({ id: station.id, deputyId: m.deputyId, isHead: true })
                  .then(() => void message.success(t('stations.member.headSet')))
                  .catch(fail)
              }
            >
              {t('stations.member.setHead')}
            </Button>
          )}
          <Popconfirm
            title={t('stations.member.removeConfirm', { name: m.name })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove
                .mutateAsync({ id: station.id, deputyId: m.deputyId })
                .then(() => void message.success(t('stations.member.removed')))
                .catch(fail)
            }
          >
            <Button size="small" type="link" danger>
              {t('stations.member.remove')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    });
  }

  return (
    <Flex vertical gap={12}>
      {manage ? (
        <Flex justify="flex-end">
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-member">
            {t('stations.addMember')}
          </Button>
        </Flex>
      ) : null}
      <ResponsiveTable<Member>
        rowKey="deputyId"
        size="small"
        columns={columns}
        dataSource={station.members}
        pagination={false}
        locale={{ emptyText: t('stations.member.none') }}
      />
      <AddMemberModal station={station} open={adding} onClose={() => setAdding(false)} />
    </Flex>
  );
}
