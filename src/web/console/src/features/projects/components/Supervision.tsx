import { App, Button, Card, Checkbox, DatePicker, Form, Image, Input, List, Radio, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { DeputiesSelect } from '../../opinions/components/DeputiesSelect.js';
import { useProjectWrite, type ProjectView } from '../api.js';
import { PhotoPicker } from './PhotoPicker.js';

interface InspectionValues {
  kind: 'inspection' | 'supervision';
  day: Dayjs;
  findings: string;
  requests?: string;
  deputyIds: number[];
}

/** The supervision group (督查组) of a chosen project and its inspections (视察/督查) with findings and a photo. */
export function Supervision({ p }: { p: ProjectView }) {
  const t = useT();
  const { message } = App.useApp();
  const write = useProjectWrite<{ inspectionId: number }>();
  const [groupForm] = Form.useForm<{ deputyIds: number[] }>();
  const [form] = Form.useForm<InspectionValues>();
  const [photo, setPhoto] = useState<File | null>(null);
  const live = ['chosen', 'inProgress', 'paused', 'done'].includes(p.state);
  const members = p.supervisors.map((s) => ({ id: s.deputyId, name: s.name }));
  return (
    <Card title={t('projects.supervision')} data-testid="supervision">
      {write.error && <ErrorAlert error={write.error} />}
      <Typography.Paragraph>
        {t('projects.leader')}
        {t('common.colon')}
        {p.supervisionLeader ?? '—'}
      </Typography.Paragraph>
      {p.canManage && live ? (
        <Form
          form={groupForm}
          layout="vertical"
          initialValues={{ deputyIds: members.map((m) => m.id) }}
          onFinish={async (v) => {
            try {
              await write.mutateAsync({ method: 'PUT', path: `/api/projects/${p.id}/supervisors`, body: v });
              void message.success(t('projects.saved'));
            } catch (e) {
              applyFieldErrors(groupForm, e, ['deputyIds']);
            }
          }}
        >
          <Form.Item name="deputyIds" label={t('projects.group')}>
            <DeputiesSelect initial={members} data-testid="group-deputies" />
          </Form.Item>
          <Button htmlType="submit" loading={write.isPending} data-testid="group-save">
            {t('projects.save')}
          </Button>
        </Form>
      ) : (
        <Typography.Paragraph data-testid="group-names">
          {t('projects.group')}
          {t('common.colon')}
          {p.supervisors.map((s) => s.name).join('、') || '—'}
        </Typography.Paragraph>
      )}
      {p.canManage && live && members.length ? (
        <Form<InspectionValues>
          form={form}
          layout="vertical"
          style={{ marginTop: 16 }}
          initialValues={{ kind: 'inspection', deputyIds: [] }}
          onFinish={async (v) => {
            try {
              const { inspectionId } = await write.mutateAsync({
                method: 'POST',
                path: `/api/projects/${p.id}/inspections`,
                body: { ...v, day: v.day.format('YYYY-MM-DD'), requests: v.requests || undefined },
              });
              if (photo) {
                const data = new FormData();
                data.append('file', photo);
                await write.mutateAsync({
                  method: 'POST',
                  path: `/api/projects/${p.id}/inspections/${inspectionId}/photo`,
                  body: data,
                });
              }
              form.resetFields();
              setPhoto(null);
              void message.success(t('projects.saved'));
            } catch (e) {
              applyFieldErrors(form, e, ['findings', 'requests', 'deputyIds', 'day']);
            }
          }}
        >
          <Typography.Title level={5}>{t('projects.newInspection')}</Typography.Title>
          <Space wrap align="start">
            <Form.Item name="kind">
              <Radio.Group
                options={(['inspection', 'supervision'] as const).map((k) => ({
                  value: k,
                  label: t(`projects.inspection.${k}` as MessageKey),
                }))}
              />
            </Form.Item>
            <Form.Item name="day" label={t('projects.inspectionDay')} rules={[{ required: true }]}>
              <DatePicker data-testid="inspection-day" />
            </Form.Item>
          </Space>
          <Form.Item name="deputyIds" label={t('projects.inspectionDeputies')} rules={[{ required: true }]}>
            <Checkbox.Group options={members.map((m) => ({ value: m.id, label: m.name }))} />
          </Form.Item>
          <Form.Item name="findings" label={t('projects.findings')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={4000} data-testid="inspection-findings" />
          </Form.Item>
          <Form.Item name="requests" label={t('projects.requests')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item label={t('projects.photo')}>
            <PhotoPicker photo={photo} onChange={setPhoto} testId="inspection-photo" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={write.isPending} data-testid="inspection-submit">
            {t('projects.recordInspection')}
          </Button>
        </Form>
      ) : null}
      <List
        size="small"
        style={{ marginTop: 8 }}
        dataSource={p.inspections}
        locale={{ emptyText: t('projects.noInspections') }}
        renderItem={(i) => (
          <List.Item
            data-testid="inspection"
            extra={
              i.hasPhoto ? (
                <Image width={96} src={`/api/projects/${p.id}/inspections/${i.id}/photo`} alt={i.findings} />
              ) : null
            }
          >
            <List.Item.Meta
              title={
                <>
                  <Tag>{t(`projects.inspection.${i.kind}` as MessageKey)}</Tag>
                  {i.day} · {i.deputies.join('、')}
                </>
              }
              description={
                <>
                  <div>{i.findings}</div>
                  {i.requests ? (
                    <div>
                      {t('projects.requests')}
                      {t('common.colon')}
                      {i.requests}
                    </div>
                  ) : null}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
