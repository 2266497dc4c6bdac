import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import { useT } from '../../../app/i18n.js';

/** One photo chosen on the device, sent after the record it belongs to is saved. */
export function PhotoPicker({
  photo,
  onChange,
  testId,
}: {
  photo: File | null;
  onChange: (file: File | null) => void;
  testId: string;
}) {
  const t = useT();
  return (
    <Upload
      accept="image/jpeg,image/png,image/webp"
      maxCount={1}
      fileList={photo ? [{ uid: 'photo', name: photo.name }] : []}
      beforeUpload={(file) => {
        onChange(file);
        return false;
      }}
      onRemove={() => onChange(null)}
    >
      <Button icon={<UploadOutlined />} data-testid={testId}>
        {t('projects.choosePhoto')}
      </Button>
    </Upload>
  );
}
