import { Alert, Checkbox, Form, Input, InputNumber, Radio, Switch, Typography, type FormInstance } from 'antd';
import {
  answerClasses,
  answerClassLabels,
  consultationMethodLabels,
  consultationMethods,
  consultationStageLabels,
  consultationStages,
  exclusionLabels,
  exclusions,
  satisfactionLabels,
  satisfactionLevels,
  type SuggestionActionName,
} from '../../../../../../contracts/suggestions.js';
import { useT } from '../../../app/i18n.js';
import { UnitMultiSelect } from '../../opinions/components/UnitMultiSelect.js';
import { UnitSelect } from '../../opinions/components/UnitSelect.js';
import { StationSelect } from '../../stations/components/StationSelect.js';
import { needsCommitment, type ActionValues } from '../action-body.js';
import { localDay, localMinute } from '../action-defaults.js';
import type { SuggestionView } from '../api.js';
import { useLabel } from '../hooks/use-label.js';
import { MergeTargetSelect } from './MergeTargetSelect.js';

const area = (max: number, rows = 3) => <Input.TextArea maxLength={max} autoSize={{ minRows: rows, maxRows: 12 }} />;
/** Radio choices stacked on a phone rather than squeezed side by side. */
const radioStyle = { display: 'flex', flexWrap: 'wrap', gap: 8 } as const;

/** The fields of one step's form; names as in the request body (SuggestionAction). */
export function ActionFields({
  action,
  suggestion,
  form,
}: {
  action: SuggestionActionName;
  suggestion: SuggestionView;
  form: FormInstance<ActionValues>;
}) {
  const t = useT();
  const label = useLabel();
  const mode = Form.useWatch('mode', form);
  const lead = Form.useWatch('leadUnitId', form);
  const answerClass = Form.useWatch('answerClass', form);
  const approve = Form.useWatch('approve', form);
  const key = Form.useWatch('key', form);
  const publishable = Form.useWatch('publishable', form);
  const required = { required: true, message: t('suggestions.form.required') };
  const requiredText = { ...required, whitespace: true };
  const reason = (max = 1000) => (
    <Form.Item name="reason" label={t('suggestions.form.reason')} rules={[requiredText]}>
      {area(max)}
    </Form.Item>
  );
  const note = (
    mandatory = false,
    max = 1000,
    name: 'suggestions.form.note' | 'suggestions.form.progress' = 'suggestions.form.note',
  ) => (
    <Form.Item name="note" label={t(name)} rules={mandatory ? [requiredText] : []}>
      {area(max, mandatory ? 3 : 2)}
    </Form.Item>
  );
  const satisfaction = satisfactionLevels.map((x) => ({ value: x, label: label(satisfactionLabels[x]) }));

  switch (action) {
    case 'submit':
      return <Typography.Paragraph>{t('suggestions.form.submitHint')}</Typography.Paragraph>;
    case 'withdraw':
      return (
        <>
          <Typography.Paragraph>
            {t(suggestion.state === 'draft' ? 'suggestions.form.discardHint' : 'suggestions.form.withdrawHint')}
          </Typography.Paragraph>
          {reason()}
        </>
      );
    case 'returnForRevision':
    case 'returnAssignment':
    case 'pause':
      return reason();
    case 'accept':
      return (
        <>
          <Typography.Paragraph>{t('suggestions.form.acceptHint')}</Typography.Paragraph>
          {note()}
        </>
      );
    case 'notAccept':
      return (
        <>
          <Form.Item name="exclusions" label={t('suggestions.form.exclusions')}>
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={exclusions.map((x) => ({ value: x, label: label(exclusionLabels[x]) }))}
            />
          </Form.Item>
          {reason()}
        </>
      );
    case 'convert':
      return (
        <>
          <Form.Item
            name="stationId"
            label={t('suggestions.form.station')}
            extra={t('suggestions.form.stationHelp')}
            rules={[required]}
          >
            <StationSelect />
          </Form.Item>
          {reason()}
        </>
      );
    case 'merge':
      return (
        <>
          <Form.Item name="intoId" label={t('suggestions.form.into')} rules={[required]}>
            <MergeTargetSelect selfId={suggestion.id} />
          </Form.Item>
          <Form.Item name="reason" label={t('suggestions.form.reason')}>
            {area(1000, 2)}
          </Form.Item>
        </>
      );
    case 'assign':
      return (
        <>
          <Form.Item name="mode" label={t('suggestions.form.mode')} rules={[required]}>
            <Radio.Group
              style={radioStyle}
              options={[
                { value: 'joint', label: t('suggestions.mode.joint') },
                { value: 'separate', label: t('suggestions.mode.separate') },
              ]}
            />
          </Form.Item>
          {mode === 'separate' ? (
            <Form.Item
              name="unitIds"
              label={t('suggestions.form.units')}
              extra={t('suggestions.form.unitsHelp')}
              rules={[{ ...required, type: 'array', min: 1 }]}
            >
              <UnitMultiSelect placeholder=" " />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="leadUnitId" label={t('suggestions.form.leadUnit')} rules={[required]}>
                <UnitSelect placeholder=" " style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="coUnitIds" label={t('suggestions.form.coUnits')}>
                <UnitMultiSelect exclude={lead ? [lead] : []} placeholder=" " />
              </Form.Item>
            </>
          )}
        </>
      );
    case 'coView':
      return (
        <Form.Item name="view" label={t('suggestions.form.view')} rules={[requiredText]}>
          {area(10_000, 5)}
        </Form.Item>
      );
    case 'requestExtension':
      return (
        <>
          <Form.Item name="months" label={t('suggestions.form.months')} rules={[required]}>
            <InputNumber min={1} max={12} precision={0} style={{ width: 160 }} />
          </Form.Item>
          {reason()}
        </>
      );
    case 'decideExtension':
      return (
        <>
          {suggestion.extensionPending ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('suggestions.form.extensionAsked', {
                months: suggestion.extensionPending.months,
                reason: suggestion.extensionPending.reason,
              })}
            />
          ) : null}
          <Form.Item name="approve" label={t('suggestions.form.decision')} rules={[required]}>
            <Radio.Group
              style={radioStyle}
              options={[
                { value: true, label: t('suggestions.form.approve') },
                { value: false, label: t('suggestions.form.refuse') },
              ]}
            />
          </Form.Item>
          {approve ? (
            <Form.Item name="months" label={t('suggestions.form.months')} extra={t('suggestions.form.monthsHelp')}>
              <InputNumber min={1} max={12} precision={0} style={{ width: 160 }} />
            </Form.Item>
          ) : null}
          <Form.Item name="reason" label={t('suggestions.form.reason')}>
            {area(1000, 2)}
          </Form.Item>
        </>
      );
    case 'resume':
    case 'close':
      return (
        <>
          {action === 'close' ? <Typography.Paragraph>{t('suggestions.form.closeHint')}</Typography.Paragraph> : null}
          {note()}
        </>
      );
    case 'progress':
    case 'keyProgress':
      return note(true, 5000, 'suggestions.form.progress');
    case 'supervise':
      return note(true, 1000);
    case 'consult':
      return (
        <>
          <Form.Item name="at" label={t('suggestions.form.at')} rules={[required]}>
            <Input type="datetime-local" max={localMinute()} style={{ maxWidth: 260 }} />
          </Form.Item>
          <Form.Item name="method" label={t('suggestions.form.method')} rules={[required]}>
            <Radio.Group
              style={radioStyle}
              options={consultationMethods.map((x) => ({ value: x, label: label(consultationMethodLabels[x]) }))}
            />
          </Form.Item>
          <Form.Item name="stage" label={t('suggestions.form.stage')} rules={[required]}>
            <Radio.Group
              style={radioStyle}
              options={consultationStages.map((x) => ({ value: x, label: label(consultationStageLabels[x]) }))}
            />
          </Form.Item>
          <Form.Item name="attendees" label={t('suggestions.form.attendees')} rules={[requiredText]}>
            <Input maxLength={500} autoComplete="off" />
          </Form.Item>
          <Form.Item name="notes" label={t('suggestions.form.notes')}>
            {area(5000, 3)}
          </Form.Item>
        </>
      );
    case 'answer':
      return (
        <>
          <Form.Item name="answerClass" label={t('suggestions.form.answerClass')} rules={[required]}>
            <Radio.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={answerClasses.map((x) => ({ value: x, label: label(answerClassLabels[x]) }))}
            />
          </Form.Item>
          {needsCommitment(answerClass) ? (
            <Form.Item
              name="commitmentDate"
              label={t('suggestions.form.commitmentDate')}
              extra={t('suggestions.form.commitmentHelp')}
              rules={[required]}
            >
              <Input type="date" min={localDay(1)} style={{ maxWidth: 220 }} />
            </Form.Item>
          ) : null}
          <Form.Item name="content" label={t('suggestions.form.answerContent')} rules={[requiredText]}>
            {area(20_000, 6)}
          </Form.Item>
          <Form.Item
            name="signedBy"
            label={t('suggestions.form.signedBy')}
            extra={t('suggestions.form.signedByHelp')}
            rules={[requiredText]}
          >
            <Input maxLength={50} autoComplete="off" style={{ maxWidth: 320 }} />
          </Form.Item>
        </>
      );
    case 'rate':
      return (
        <>
          <Typography.Paragraph type="secondary">{t('suggestions.form.rateHint')}</Typography.Paragraph>
          <Form.Item name="communication" label={t('suggestions.form.communication')} rules={[required]}>
            <Radio.Group optionType="button" options={satisfaction} style={radioStyle} />
          </Form.Item>
          <Form.Item name="result" label={t('suggestions.form.result')} rules={[required]}>
            <Radio.Group optionType="button" options={satisfaction} style={radioStyle} />
          </Form.Item>
          <Form.Item name="comment" label={t('suggestions.form.comment')}>
            {area(1000, 2)}
          </Form.Item>
        </>
      );
    case 'markKey':
      return (
        <>
          <Form.Item name="key" label={t('suggestions.form.key')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {key ? (
            <Form.Item name="leaders" label={t('suggestions.form.leaders')} extra={t('suggestions.form.leadersHelp')}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          ) : null}
        </>
      );
    case 'setPublic':
      return (
        <>
          <Form.Item
            name="publishable"
            label={t('suggestions.form.publishable')}
            extra={t('suggestions.field.publishableHelp')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
          {publishable === false ? (
            <Form.Item name="reason" label={t('suggestions.field.notPublicReason')}>
              {area(500, 2)}
            </Form.Item>
          ) : null}
        </>
      );
  }
}
