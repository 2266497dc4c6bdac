import { Alert, Form, Input, InputNumber, Radio, Select, Switch, Typography, type FormInstance } from 'antd';
import type { OpinionActionName, OpinionView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import type { ActionValues } from '../action-body.js';
import { feedbackChannels, ratingLevels, resultTypes, supervisionLevels, tiers, urgencies } from '../values.js';
import { AssignFields } from './AssignFields.js';
import { CategoryTreeSelect } from './CategoryTreeSelect.js';
import { DeputiesSelect } from './DeputiesSelect.js';
import { EvidenceFiles } from './EvidenceFiles.js';
import { MergeTargetSelect } from './MergeTargetSelect.js';

const area = (max: number, rows = 3) => <Input.TextArea maxLength={max} autoSize={{ minRows: rows, maxRows: 10 }} />;

/** The fields of one step's form; names as in the request body. */
export function ActionFields({
  action,
  opinion,
  form,
}: {
  action: OpinionActionName;
  opinion: OpinionView;
  form: FormInstance<ActionValues>;
}) {
  const t = useT();
  const required = { required: true, message: t('opinions.form.required') };
  const requiredText = { ...required, whitespace: true };
  const note = (max = 500, mandatory = false) => (
    <Form.Item name="note" label={t('opinions.form.note')} rules={mandatory ? [requiredText] : []}>
      {area(max, 2)}
    </Form.Item>
  );

  switch (action) {
    case 'triage':
      return (
        <>
          <Form.Item name="categoryId" label={t('opinions.form.category')} rules={[required]}>
            <CategoryTreeSelect placeholder=" " />
          </Form.Item>
          <Form.Item name="tier" label={t('opinions.form.tier')} rules={[required]}>
            <Radio.Group options={tiers.map((x) => ({ value: x, label: t(`opinionTier.${x}`) }))} />
          </Form.Item>
          <Form.Item name="urgency" label={t('opinions.form.urgency')}>
            <Radio.Group options={urgencies.map((x) => ({ value: x, label: t(`opinionUrgency.${x}`) }))} />
          </Form.Item>
          <Form.Item name="tags" label={t('opinions.form.tags')} extra={t('opinions.form.tagsHelp')}>
            <Select mode="tags" open={false} suffixIcon={null} maxCount={10} tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
        </>
      );
    case 'answer':
      return (
        <>
          <Form.Item name="answer" label={t('opinions.form.answer')} rules={[requiredText]}>
            {area(5000, 4)}
          </Form.Item>
          <Form.Item name="answeredBy" label={t('opinions.form.answeredBy')} extra={t('opinions.form.answeredByHelp')}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        </>
      );
    case 'merge':
      return (
        <>
          <Form.Item name="targetId" label={t('opinions.form.target')} rules={[required]}>
            <MergeTargetSelect opinion={opinion} />
          </Form.Item>
          {note()}
        </>
      );
    case 'reject':
      return (
        <>
          <Form.Item name="reason" label={t('opinions.form.reason')} rules={[requiredText]}>
            {area(500)}
          </Form.Item>
          <Form.Item name="tellConstituent" label={t('opinions.form.tellConstituent')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </>
      );
    case 'escalate':
      return (
        <>
          <Form.Item name="deputyIds" label={t('opinions.form.deputies')} rules={[required]}>
            <DeputiesSelect initial={opinion.deputies} />
          </Form.Item>
          {note(1000)}
        </>
      );
    case 'assign':
    case 'reassign':
      return <AssignFields opinion={opinion} form={form} />;
    case 'accept':
      return <Typography.Paragraph>{t('opinions.form.acceptHint')}</Typography.Paragraph>;
    case 'return':
      return (
        <Form.Item name="reason" label={t('opinions.form.reason')} rules={[requiredText]}>
          {area(500)}
        </Form.Item>
      );
    case 'requestExtension':
      return (
        <>
          <Form.Item name="days" label={t('opinions.form.days')} rules={[required]}>
            <InputNumber min={1} max={30} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="reason" label={t('opinions.form.reason')} rules={[requiredText]}>
            {area(500)}
          </Form.Item>
        </>
      );
    case 'decideExtension': {
      const asked = opinion.assignments.findLast((a) => a.extensionState === 'requested');
      return (
        <>
          {asked ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={`${asked.unitName}${t('opinions.colon')}${t('opinions.form.extensionRequest', {
                days: asked.extensionDays ?? 0,
                reason: asked.extensionReason ?? '',
              })}`}
            />
          ) : null}
          <Form.Item name="approve" label={t('opinions.form.decision')} rules={[required]}>
            <Radio.Group
              options={[
                { value: true, label: t('opinions.form.approve') },
                { value: false, label: t('opinions.form.refuse') },
              ]}
            />
          </Form.Item>
          {note()}
        </>
      );
    }
    case 'supervise':
      return (
        <>
          <Form.Item name="supervisionLevel" label={t('opinions.form.level')} rules={[required]}>
            <Radio.Group options={supervisionLevels.map((x) => ({ value: x, label: t(`opinionSupervision.${x}`) }))} />
          </Form.Item>
          {note(500, true)}
        </>
      );
    case 'respond':
      return (
        <>
          <Form.Item name="resultType" label={t('opinions.form.resultType')} rules={[required]}>
            <Radio.Group options={resultTypes.map((x) => ({ value: x, label: t(`opinionResult.${x}`) }))} />
          </Form.Item>
          <Form.Item
            name="response"
            label={t('opinions.form.response')}
            extra={t('opinions.form.responsePublic')}
            rules={[requiredText]}
          >
            {area(5000, 5)}
          </Form.Item>
          <Form.Item name="fileIds" label={t('opinions.evidence.label')} extra={t('opinions.evidence.help')}>
            <EvidenceFiles opinionId={opinion.id} />
          </Form.Item>
        </>
      );
    case 'feedback':
      return (
        <>
          <Form.Item name="channel" label={t('opinions.form.feedbackChannel')} rules={[required]}>
            <Radio.Group options={feedbackChannels.map((x) => ({ value: x, label: t(`opinionFeedback.${x}`) }))} />
          </Form.Item>
          <Form.Item name="content" label={t('opinions.form.feedbackContent')} rules={[requiredText]}>
            {area(2000, 4)}
          </Form.Item>
        </>
      );
    case 'rate':
      return (
        <>
          <Form.Item name="ratingLevel" label={t('opinions.form.rating')} rules={[required]}>
            <Radio.Group
              optionType="button"
              options={ratingLevels.map((x) => ({ value: x, label: t(`opinionRating.${x}`) }))}
            />
          </Form.Item>
          <Form.Item name="comment" label={t('opinions.form.comment')}>
            {area(500, 2)}
          </Form.Item>
        </>
      );
    case 'close':
      return (
        <>
          <Typography.Paragraph>{t('opinions.form.closeHint')}</Typography.Paragraph>
          {note()}
        </>
      );
    case 'linkSuggestion':
      return (
        <Form.Item name="suggestionRef" label={t('opinions.form.suggestionRef')} rules={[requiredText]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
      );
  }
}
