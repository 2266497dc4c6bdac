import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Image, Input, Popconfirm, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { StationView } from '../../../app/contracts.js';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { useAddPhoto, useRemovePhoto } from '../api.js';

/** The station's photos; managers upload (the server checks and cleans each) and remove them. */
export function StationPhotos({ station }: { station: StationView }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const [caption, setCaption] = useState('');
  const add = useAddPhoto();
  const remove = useRemovePhoto();
  const manage = can('station.manage');

  return (
    <Flex vertical gap={12}>
      {station.photos.length ? (
        <Image.PreviewGroup>
          <Flex gap={12} wrap>
            {station.photos.map((ph) => (
              <Flex key={ph.id} vertical gap={4} style={{ width: 160 }} data-testid="station-photo">
                <Image
                  src={ph.url}
                  alt={ph.caption ?? station.name}
                  width={160}
                  height={110}
                  style={{ objectFit: 'cover' }}
                />
                <Flex justify="space-between" align="center" gap={4}>
                  <Typography.Text type="secondary" ellipsis style={{ fontSize: '0.9em' }}>
                    {ph.caption ?? ''}
                  </Typography.Text>
                  {manage ? (
                    <Popconfirm
                      title={t('stations.photoRemoveConfirm')}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        remove
                          .mutateAsync({ id: station.id, photoId: ph.id })
                          .then(() => void message.success(t('stations.photoRemoved')))
                          .catch((e: unknown) => void message.error(errorMessage(e, t)))
                      }
                    >
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('stations.photoRemove')}
                      />
                    </Popconfirm>
                  ) : null}
                </Flex>
              </Flex>
            ))}
          </Flex>
        </Image.PreviewGroup>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stations.photosNone')} />
      )}
      {manage ? (
        <Flex vertical gap={6}>
          <Flex gap={8} wrap>
            <Input
              aria-label={t('stations.photoCaption')}
              placeholder={t('stations.photoCaption')}
              value={caption}
              maxLength={100}
              onChange={(e) => setCaption(e.target.value)}
              style={{ maxWidth: 260 }}
            />
            <Upload
              accept="image/jpeg,image/png,image/webp"
              showUploadList={false}
              beforeUpload={(file) => {
                add.mutate(
                  { id: station.id, file, caption: caption.trim() || undefined },
                  {
                    onSuccess: () => {
                      setCaption('');
                      void message.success(t('stations.photoAdded'));
                    },
                    onError: (e) => void message.error(errorMessage(e, t)),
                  },
                );
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={add.isPending} data-testid="photo-upload">
                {t('stations.photoAdd')}
              </Button>
            </Upload>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
            {t('stations.photoHint')}
          </Typography.Text>
        </Flex>
      ) : null}
    </Flex>
  );
}
