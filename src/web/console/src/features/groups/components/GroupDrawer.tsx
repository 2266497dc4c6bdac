import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Modal,
  Popconfirm,
  Skeleton,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { useState } from 'react';
import type { GroupView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors, errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { DeputySelect } from '../../deputies/components/DeputySelect.js';
import { useAddGroupMember, useGroup, useRemoveGroupMember } from '../api.js';
import { GroupFormModal } from './GroupFormModal.js';

type Member = GroupView['members'][number];

/** One group: its body, leader and members; managers add and remove members and choose the leader. */
export function GroupDrawer({ groupId, onClose }: { groupId: number | null; onClose: () => void }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const group = useGroup(groupId);
  const data = group.data;
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ deputyId: number; isLeader: boolean }>();
  const add = useAddGroupMember();
  const remove = useRemoveGroupMember();
  const manage = can('deputy.manage');
  const fail = (error: unknown) => void message.error(errorMessage(error, t));

  const columns: TableColumnsType<Member> = [
    { key: 'name', title: t('stations.member.name'), dataIndex: 'name' },
    {
      key: 'role',
      title: t('stations.member.role'),
      render: (_, m) =>
        m.isLeader ? (
          <Tag color="gold" data-testid="leader-tag">
            {t('groups.leader')}
          </Tag>
        ) : null,
    },
    { key: 'since', title: t('stations.member.since'), dataIndex: 'since' },
  ];
  if (manage && data) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, m) => (
        <Flex gap={4} wrap>
          {m.isLeader ? null : (
            <Button
              size="small"
              type="link"
              onClick={() =>
                add
                  .mutateAsync({ id: data.id, deputyId: m.deputyId, isLeader: true })
                  .then(() => void message.success(t('groups.leaderSet')))
                  .catch(fail)
              }
            >
              {t('groups.setLeader')}
            </Button>
          )}
          <Popconfirm
            title={t('groups.removeConfirm', { name: m.name })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove
                .mutateAsync({ id: data.id, deputyId: m.deputyId })
                .then(() => void message.success(t('groups.removed')))
                .catch(fail)
            }
          >
            <Button size="small" type="link" danger>
              {t('groups.remove')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    });
  }

  return (
    <Drawer
      open={groupId !== null}
      onClose={onClose}
      size={640}
      title={data?.name ?? t('groups.title')}
      destroyOnHidden
      extra={
        data && manage ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-group">
            {t('groups.edit')}
          </Button>
        ) : null
      }
    >
      {group.isPending && groupId !== null ? <Skeleton active /> : null}
      {group.isError ? <ErrorAlert error={group.error} /> : null}
      {data ? (
        <Flex vertical gap={16}>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'org', label: t('groups.col.org'), children: data.orgName },
              { key: 'leader', label: t('groups.col.leader'), children: data.leader?.name ?? '—' },
              {
                key: 'status',
                label: t('groups.col.status'),
                children: data.active ? t('groups.active') : t('groups.inactive'),
              },
            ]}
          />
          <Typography.Text type="secondary">{t('groups.rule')}</Typography.Text>
          <Flex justify="space-between" align="center">
            <Typography.Title level={2} style={{ fontSize: '1.1em', margin: 0 }}>
              {t('groups.members')}
            </Typography.Title>
            {manage ? (
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-group-member">
                {t('groups.addMember')}
              </Button>
            ) : null}
          </Flex>
          <ResponsiveTable<Member>
            rowKey="deputyId"
            size="small"
            columns={columns}
            dataSource={data.members}
            pagination={false}
            locale={{ emptyText: t('groups.noMembers') }}
          />
          <GroupFormModal open={editing} group={data} onClose={() => setEditing(false)} />
          <Modal
            open={adding}
            title={t('groups.addMemberTitle')}
            onCancel={() => {
              setAdding(false);
              add.reset();
            }}
            footer={null}
            destroyOnHidden
            mask={{ closable: false }}
          >
            <Form<{ deputyId: number; isLeader: boolean }>
              form={form}
              name="groupMember"
              layout="vertical"
              requiredMark={false}
              initialValues={{ isLeader: false }}
              onFinish={(v) =>
                add.mutate(
                  { id: data.id, deputyId: v.deputyId, isLeader: v.isLeader },
                  {
                    onSuccess: () => {
                      void message.success(t('groups.memberAdded'));
                      setAdding(false);
                      form.resetFields();
                    },
                    onError: (e) => applyFieldErrors(form, e, ['deputyId']),
                  },
                )
              }
            >
              <Form.Item
                name="deputyId"
                label={t('stations.addMemberDeputy')}
                rules={[{ required: true, message: t('stations.deputyRequired') }]}
              >
                <DeputySelect exclude={data.members.map((m) => m.deputyId)} />
              </Form.Item>
              <Form.Item name="isLeader" valuePropName="checked">
                <Checkbox>{t('groups.asLeader')}</Checkbox>
              </Form.Item>
              <Flex justify="flex-end" gap={8}>
                <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
                <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="group-member-submit">
                  {t('stations.addMemberSubmit')}
                </Button>
              </Flex>
            </Form>
          </Modal>
        </Flex>
      ) : null}
    </Drawer>
  );
}
