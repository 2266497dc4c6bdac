import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Spin, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useInbox, useMarkRead, useUnread } from '../api.js';

const REFRESH_MS = 60_000;
let lastInput = Date.now();
const markInput = () => {
  lastInput = Date.now();
};
document.addEventListener('pointerdown', markInput, { capture: true, passive: true });
document.addEventListener('keydown', markInput, { capture: true, passive: true });

/** The header's bell: unread in-app messages, the latest ten, mark read, a way to the settings. */
export function NotificationBell() {
  const t = useT();
  const { lang } = usePrefs();
  const [open, setOpen] = useState(false);
  const unread = useUnread();
  const qc = useQueryClient();
  const { pathname } = useLocation();
  const navigate = useNavigate();

  // Fresh on every screen the user opens; otherwise once a minute, but only while someone is
  // using the console: an unattended console must still reach its idle timeout.
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: ['notify', 'unread'] });
  }, [pathname, qc]);
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput < REFRESH_MS && document.visibilityState === 'visible')
        void qc.invalidateQueries({ queryKey: ['notify', 'unread'] });
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [qc]);
  const inbox = useInbox(open);
  const mark = useMarkRead();
  const n = unread.data?.unread ?? 0;

  const content = (
    <Flex vertical gap={8} style={{ width: 'min(360px, calc(100vw - 40px))' }} data-testid="bell-panel">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t('notify.bell.unread', { n })}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={n === 0}
          loading={mark.isPending && mark.variables === 'all'}
          onClick={() => mark.mutate('all')}
          data-testid="bell-read-all"
        >
          {t('notify.bell.readAll')}
        </Button>
      </Flex>
      {inbox.isLoading ? (
        <Spin />
      ) : inbox.data?.items.length ? (
        <List
          size="small"
          dataSource={inbox.data.items}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(item) => (
            <List.Item
              data-testid={`bell-item-${item.id}`}
              style={{ cursor: item.readAt && !item.link ? 'default' : 'pointer', opacity: item.readAt ? 0.65 : 1 }}
              onClick={() => {
                if (!item.readAt) mark.mutate(item.id);
                // A message about something opens it.
                if (item.link) {
                  setOpen(false);
                  void navigate(item.link);
                }
              }}
            >
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex gap={6} align="center">
                  {item.readAt ? null : <Badge status="processing" />}
                  {item.urgent ? <Tag color="volcano">{t('notify.urgent')}</Tag> : null}
                  <Typography.Text strong={!item.readAt}>{item.title}</Typography.Text>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: '0.9em', whiteSpace: 'pre-wrap' }}>
                  {item.body}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: '0.8em' }}>
                  {formatDateTime(item.createdAt, lang)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.bell.empty')} />
      )}
      <Link to="/notifications/preferences" onClick={() => setOpen(false)} data-testid="bell-settings">
        {t('notify.bell.settings')}
      </Link>
    </Flex>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Button
        type="text"
        aria-label={`${t('notify.bell')}: ${t('notify.bell.unread', { n })}`}
        data-testid="bell"
        icon={
          <Badge count={n} size="small" overflowCount={99} data-testid="bell-count">
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
