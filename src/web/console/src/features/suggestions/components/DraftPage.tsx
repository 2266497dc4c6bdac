import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Flex, Form, Input, Skeleton, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { NotFoundPage } from '../../../app/NotFoundPage.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { showFieldErrors } from '../../opinions/form-errors.js';
import { useCreateDraft, useDesk, useSessions, useSuggestion, useUpdateDraft, type SuggestionView } from '../api.js';
import { SessionSelect } from './SessionSelect.js';

interface DraftValues {
  sessionId?: number;
  title?: string;
  content?: string;
  reasons?: string;
  measures?: string;
  category?: string;
  publishable?: boolean;
  notPublicReason?: string;
}
const draftFields = [
  'sessionId',
  'title',
  'content',
  'reasons',
  'measures',
  'category',
  'publishable',
  'notPublicReason',
] as const;

const area = (max: number, rows: number) => (
  <Input.TextArea maxLength={max} autoSize={{ minRows: rows, maxRows: 16 }} />
);

/** The opinions a new draft starts from (`?opinion=12&opinion=13`), as the desk lists them. */
function useLinkedOpinions(ids: number[]) {
  const desk = useDesk(ids.length > 0);
  const known = [...(desk.data?.escalated ?? []), ...(desk.data?.addressed ?? [])];
  return ids.map((id) => known.find((o) => o.id === id) ?? { id, receiptCode: `#${id}`, excerpt: '' });
}

/** The form of a draft: new (from the desk, maybe from escalated opinions) or an edit of one. */
function DraftForm({ draft }: { draft?: SuggestionView }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<DraftValues>();
  const opinionIds = draft
    ? []
    : params
        .getAll('opinion')
        .map(Number)
        .filter((n) => Number.isSafeInteger(n) && n > 0);
  const linked = useLinkedOpinions(opinionIds);
  const sessions = useSessions();
  const create = useCreateDraft();
  const update = useUpdateDraft(draft?.id ?? 0);
  const mutation = draft ? update : create;
  const [onFields, setOnFields] = useState(false);
  const publishable = Form.useWatch('publishable', form);
  const open = (sessions.data ?? []).filter((s) => s.open);

  const initial: DraftValues = draft
    ? {
        sessionId: draft.sessionId,
        title: draft.title,
        content: draft.content,
        reasons: draft.reasons ?? undefined,
        measures: draft.measures ?? undefined,
        category: draft.category ?? undefined,
        publishable: draft.publishable,
        notPublicReason: draft.notPublicReason ?? undefined,
      }
    : { publishable: true, sessionId: open[0]?.id };

  const submit = (v: DraftValues) => {
    const body = {
      sessionId: v.sessionId ?? 0,
      title: (v.title ?? '').trim(),
      content: (v.content ?? '').trim(),
      reasons: v.reasons?.trim() ?? '',
      measures: v.measures?.trim() ?? '',
      category: v.category?.trim() ?? '',
      publishable: v.publishable ?? true,
      notPublicReason: v.publishable === false ? (v.notPublicReason?.trim() ?? '') : undefined,
    };
    setOnFields(false);
    const done = (view: SuggestionView) => {
      void message.success(t('suggestions.draft.saved'));
      void navigate(`/suggestions/${view.id}`, { replace: !draft });
    };
    const failed = (error: unknown) => setOnFields(showFieldErrors(form, error, draftFields));
    // A draft keeps its session unless the deputy moves it (the old one may have closed since).
    if (draft)
      update.mutate(
        { ...body, sessionId: body.sessionId === draft.sessionId ? undefined : body.sessionId },
        { onSuccess: done, onError: failed },
      );
    else create.mutate({ ...body, opinionIds }, { onSuccess: done, onError: failed });
  };

  if (sessions.isPending) return <Skeleton active />;
  const required = { required: true, whitespace: true, message: t('suggestions.form.required') };

  return (
    <Form<DraftValues>
      form={form}
      name="draft"
      layout="vertical"
      requiredMark={false}
      initialValues={initial}
      onFinish={submit}
      style={{ maxWidth: 880 }}
    >
      {sessions.isError ? <ErrorAlert error={sessions.error} /> : null}
      {!draft && open.length === 0 && !sessions.isError ? (
        <Alert type="warning" showIcon title={t('suggestions.field.noSession')} style={{ marginBottom: 16 }} />
      ) : null}
      {mutation.error && !onFields ? (
        <div style={{ marginBottom: 16 }} data-testid="draft-error">
          <ErrorAlert error={mutation.error} />
        </div>
      ) : null}
      {linked.length ? (
        <Form.Item label={t('suggestions.field.opinions')}>
          <Flex vertical gap={6} data-testid="draft-opinions">
            {linked.map((o) => (
              <Flex key={o.id} gap={8} align="baseline" wrap>
                <Tag
                  color="blue"
                  style={{ marginInlineEnd: 0, fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}
                >
                  {o.receiptCode}
                </Tag>
                <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                  {o.excerpt}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
        </Form.Item>
      ) : null}
      <Form.Item
        name="sessionId"
        label={t('suggestions.field.session')}
        extra={t('suggestions.field.sessionHelp')}
        rules={[{ required: true, message: t('suggestions.form.required') }]}
      >
        <SessionSelect openOnly placeholder={t('suggestions.field.sessionPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('suggestions.field.title')}
        extra={t('suggestions.field.titleHelp')}
        rules={[required]}
      >
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item name="content" label={t('suggestions.field.content')} rules={[required]}>
        {area(20_000, 5)}
      </Form.Item>
      <Form.Item name="reasons" label={t('suggestions.field.reasons')}>
        {area(10_000, 3)}
      </Form.Item>
      <Form.Item name="measures" label={t('suggestions.field.measures')}>
        {area(10_000, 3)}
      </Form.Item>
      <Form.Item name="category" label={t('suggestions.field.category')} extra={t('suggestions.field.categoryHelp')}>
        <Input maxLength={50} autoComplete="off" style={{ maxWidth: 320 }} />
      </Form.Item>
      <Form.Item
        name="publishable"
        label={t('suggestions.field.publishable')}
        extra={t('suggestions.field.publishableHelp')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      {publishable === false ? (
        <Form.Item name="notPublicReason" label={t('suggestions.field.notPublicReason')} rules={[required]}>
          {area(500, 2)}
        </Form.Item>
      ) : null}
      <Typography.Paragraph type="secondary">{t('suggestions.draft.hint')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="draft-submit">
          {draft ? t('suggestions.draft.save') : t('suggestions.draft.create')}
        </Button>
        <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
      </Flex>
    </Form>
  );
}

/** /console/suggestions/new (?opinion=…) and /console/suggestions/:id/edit: a deputy's draft. */
export function DraftPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id } = useParams();
  const editing = id !== undefined;
  const draftId = Number(id);
  const valid = !editing || (Number.isSafeInteger(draftId) && draftId > 0);
  const draft = useSuggestion(draftId, editing && valid);
  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() => void navigate(editing ? `/suggestions/${draftId}` : '/suggestions/desk')}
    >
      {t('suggestions.back')}
    </Button>
  );
  if (!valid) return <NotFoundPage />;
  if (editing && draft.isPending) return <Skeleton active />;
  if (editing && !draft.data) return <ErrorAlert error={draft.error} action={back} />;
  return (
    <>
      <PageTitle extra={back}>{editing ? t('suggestions.draft.editTitle') : t('suggestions.draft.title')}</PageTitle>
      <Card>
        <DraftForm draft={draft.data} />
      </Card>
    </>
  );
}
