import { FilePdfOutlined } from '@ant-design/icons';
import { Flex, Image, Typography } from 'antd';
import type { OpinionView } from '../../../app/contracts.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';

const kb = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Photos (shown, with a larger preview) and documents (opened in a new tab) attached to the opinion. */
export function OpinionFiles({ opinion }: { opinion: Pick<OpinionView, 'id' | 'files'> }) {
  const t = useT();
  const { lang } = usePrefs();
  const url = (fileId: number) => `/api/opinions/${opinion.id}/files/${fileId}`;
  const photos = opinion.files.filter((f) => f.contentType.startsWith('image/'));
  const documents = opinion.files.filter((f) => !f.contentType.startsWith('image/'));
  const caption = (f: OpinionView['files'][number]) =>
    [f.name, f.unitName, formatDateTime(f.createdAt, lang)].filter(Boolean).join(' · ');

  return (
    <Flex vertical gap={12} data-testid="opinion-files">
      {photos.length ? (
        <Image.PreviewGroup>
          <Flex gap={8} wrap>
            {photos.map((f) => (
              <Image
                key={f.id}
                src={url(f.id)}
                alt={f.name ?? t('opinions.files.photo')}
                title={caption(f)}
                width={112}
                height={112}
                style={{ objectFit: 'cover', borderRadius: 6 }}
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      ) : null}
      {documents.map((f) => (
        <Typography.Link key={f.id} href={url(f.id)} target="_blank" rel="noopener">
          <FilePdfOutlined /> {f.name ?? t('opinions.files.document')} ({kb(f.size)}) · {caption(f)}
        </Typography.Link>
      ))}
    </Flex>
  );
}
