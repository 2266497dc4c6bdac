import { Flex, Tag, Typography, theme } from 'antd';
import type { AssignmentView, OpinionView } from '../../../app/contracts.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { OpinionFiles } from './OpinionFiles.js';

const stateColors: Record<AssignmentView['state'], string> = {
  assigned: 'orange',
  accepted: 'gold',
  returned: 'red',
  responded: 'green',
  withdrawn: 'default',
};

/**
 * Every assignment of every round, newest first: unit, lead or co, sign-off, deadline, response
 * (with the unit's evidence, from the opinion's `files`), extension.
 */
export function AssignmentsList({
  assignments,
  opinionId,
  files = [],
}: {
  assignments: AssignmentView[];
  opinionId: number;
  files?: OpinionView['files'];
}) {
  const t = useT();
  const { lang } = usePrefs();
  const { token } = theme.useToken();
  if (assignments.length === 0)
    return <Typography.Text type="secondary">{t('opinions.detail.noAssignments')}</Typography.Text>;
  const rounds = new Set(assignments.map((a) => a.round)).size;
  const newestFirst = [...assignments].sort((a, b) => b.round - a.round || Number(b.isLead) - Number(a.isLead));

  return (
    <Flex vertical gap={12} data-testid="assignments">
      {newestFirst.map((a) => (
        <Flex
          key={a.id}
          vertical
          gap={6}
          style={{
            padding: '12px 16px',
            border: `1px solid ${token.colorBorderSecondary}`,
            borderRadius: token.borderRadiusLG,
            opacity: a.state === 'withdrawn' ? 0.65 : 1,
          }}
        >
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong style={{ fontSize: '1.05em' }}>
              {a.unitName}
            </Typography.Text>
            <Tag color={a.isLead ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
              {a.isLead ? t('opinions.detail.lead') : t('opinions.detail.co')}
            </Tag>
            <Tag color={stateColors[a.state]} style={{ marginInlineEnd: 0 }}>
              {t(`opinionAssignment.${a.state}`)}
            </Tag>
            {rounds > 1 ? (
              <Typography.Text type="secondary">{t('opinions.detail.round', { n: a.round })}</Typography.Text>
            ) : null}
          </Flex>
          <Flex gap="4px 24px" wrap>
            <Typography.Text>
              <Typography.Text type="secondary">
                {t('opinions.col.deadline')}
                {t('opinions.colon')}
              </Typography.Text>
              {a.deadline}
              {a.state === 'assigned' ? (
                <Typography.Text type="secondary">
                  {' '}
                  ({t('opinions.detail.acceptBy', { date: a.acceptBy })})
                </Typography.Text>
              ) : null}
            </Typography.Text>
            <Typography.Text>
              <Typography.Text type="secondary">
                {t('opinions.col.signOff')}
                {t('opinions.colon')}
              </Typography.Text>
              {t('opinions.detail.signed', { by: a.signedBy, at: formatDateTime(a.signedAt, lang) })}{' '}
              <Tag data-testid="sign-off-kind">{t(`opinions.signOff.kind.${a.signOffKind}`)}</Tag>
              {a.signOffFileId ? (
                <Typography.Link href={`/api/opinions/${opinionId}/files/${a.signOffFileId}`} target="_blank">
                  {t('opinions.signOff.scan')}
                </Typography.Link>
              ) : null}
            </Typography.Text>
          </Flex>
          {a.response || a.resultType ? (
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
              <Typography.Text type="secondary">
                {t('opinions.detail.response')}
                {t('opinions.colon')}
              </Typography.Text>
              {a.resultType ? (
                <Tag color="green" style={{ marginInlineEnd: 8 }}>
                  {t(`opinionResult.${a.resultType}`)}
                </Tag>
              ) : null}
              {a.response}
            </Typography.Text>
          ) : null}
          {a.responseFileIds.length ? (
            <Flex vertical gap={4} data-testid="response-evidence">
              <Typography.Text type="secondary">
                {t('opinions.evidence.title')}
                {t('opinions.colon')}
              </Typography.Text>
              <OpinionFiles opinion={{ id: opinionId, files: files.filter((f) => a.responseFileIds.includes(f.id)) }} />
            </Flex>
          ) : null}
          {a.extensionState ? (
            <Typography.Text type={a.extensionState === 'requested' ? 'warning' : 'secondary'}>
              {t('opinions.detail.extension', {
                days: a.extensionDays ?? 0,
                state: t(`opinionExtension.${a.extensionState}`),
                reason: a.extensionReason ?? '',
              })}
            </Typography.Text>
          ) : null}
        </Flex>
      ))}
    </Flex>
  );
}
