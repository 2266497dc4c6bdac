import { DeleteOutlined, UploadOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Flex, Image, Popconfirm, Typography, Upload } from 'antd';
import type { DeputyView } from '../../../app/contracts.js';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { useRemoveDeputyPhoto, useSetDeputyPhoto } from '../api.js';

/** The deputy's photo (for the wall and the portal); managers upload, replace or remove it. */
export function DeputyPhoto({ deputy }: { deputy: DeputyView }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const set = useSetDeputyPhoto();
  const remove = useRemoveDeputyPhoto();
  const fail = (e: unknown) => void message.error(errorMessage(e, t));

  return (
    <Flex gap={16} align="center" wrap>
      {deputy.photoUrl ? (
        <Image src={deputy.photoUrl} alt={deputy.name} width={96} height={128} style={{ objectFit: 'cover' }} />
      ) : (
        <Avatar shape="square" size={96} icon={<UserOutlined />} aria-label={t('deputies.photoNone')} />
      )}
      {can('deputy.manage') ? (
        <Flex vertical gap={6}>
          <Flex gap={8} wrap>
            <Upload
              accept="image/jpeg,image/png,image/webp"
              showUploadList={false}
              beforeUpload={(file) => {
                set.mutate(
                  { id: deputy.id, file },
                  { onSuccess: () => void message.success(t('deputies.photoSaved')), onError: fail },
                );
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={set.isPending} data-testid="deputy-photo-upload">
                {deputy.photoUrl ? t('deputies.photoReplace') : t('deputies.photoUpload')}
              </Button>
            </Upload>
            {deputy.photoUrl ? (
              <Popconfirm
                title={t('deputies.photoRemove')}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove
                    .mutateAsync(deputy.id)
                    .then(() => void message.success(t('deputies.photoRemoved')))
                    .catch(fail)
                }
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('deputies.photoRemove')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
            {t('deputies.photoHint')}
          </Typography.Text>
        </Flex>
      ) : null}
    </Flex>
  );
}
