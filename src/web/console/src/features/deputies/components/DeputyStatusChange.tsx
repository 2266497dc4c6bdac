import { App, Button, Flex, Popconfirm, Select, Typography } from 'antd';
import { useState } from 'react';
import type { DeputyStatus, DeputyView } from '../../../app/contracts.js';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { deputyStatuses, useUpdateDeputy } from '../api.js';

/** Serving, term ended, resigned, terminated: a change of status keeps the record and its history. */
export function DeputyStatusChange({ deputy }: { deputy: Pick<DeputyView, 'id' | 'name' | 'status'> }) {
  const t = useT();
  const { message } = App.useApp();
  const [next, setNext] = useState<DeputyStatus>(deputy.status);
  const update = useUpdateDeputy();

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        <Select<DeputyStatus>
          aria-label={t('deputies.field.status')}
          value={next}
          onChange={setNext}
          options={deputyStatuses.map((s) => ({ value: s, label: t(`deputyStatus.${s}`) }))}
          style={{ width: 180 }}
          data-testid="deputy-status-select"
        />
        <Popconfirm
          title={t('deputies.statusConfirm', { name: deputy.name, status: t(`deputyStatus.${next}`) })}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: next !== 'serving' }}
          disabled={next === deputy.status}
          onConfirm={() =>
            update
              .mutateAsync({ id: deputy.id, patch: { status: next } })
              .then(() => void message.success(t('deputies.statusChanged')))
              .catch((error: unknown) => void message.error(errorMessage(error, t)))
          }
        >
          <Button disabled={next === deputy.status} loading={update.isPending}>
            {t('deputies.statusChange')}
          </Button>
        </Popconfirm>
      </Flex>
      <Typography.Text type="secondary">{t('deputies.statusHint')}</Typography.Text>
    </Flex>
  );
}
