import { App, Button, Card, Checkbox, Flex, Form, Input, Select, Typography, type TableColumnsType } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors, errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { usePreferences, useSetContact, useSetPreference, type Channel, type Preferences } from '../api.js';
import { usePrefs } from '../../../app/prefs.js';
import { channelLabel, channelList } from '../labels.js';

type Item = Preferences['items'][number];

interface ContactForm {
  phone?: string;
  email?: string;
  lang: 'zh-CN' | 'en';
}

/** /console/notifications/preferences: for every staff member, how each kind of message reaches them. */
export function PreferencesPage() {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = App.useApp();
  const prefs = usePreferences();
  const setPref = useSetPreference();
  const setContact = useSetContact();
  const [form] = Form.useForm<ContactForm>();

  const onChannels = async (item: Item, channels: Channel[]) => {
    try {
      await setPref.mutateAsync({ type: item.type, channels });
      void message.success(t('notify.prefs.saved'));
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };

  const saveContact = async (values: ContactForm) => {
    try {
      await setContact.mutateAsync({
        ...(values.phone ? { phone: values.phone.trim() } : {}),
        ...(values.email ? { email: values.email.trim() } : {}),
        lang: values.lang,
      });
      form.setFieldsValue({ phone: '', email: '' });
      void message.success(t('notify.prefs.saved'));
    } catch (error) {
      if (!applyFieldErrors(form, error, ['phone', 'email', 'lang'])) void message.error(errorMessage(error, t));
    }
  };

  const remove = async (field: 'phone' | 'email') => {
    try {
      await setContact.mutateAsync({ [field]: null });
      void message.success(t('notify.prefs.saved'));
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };

  const columns: TableColumnsType<Item> = [
    { key: 'type', title: t('notify.col.type'), render: (_, item) => (lang === 'en' ? item.label.en : item.label.zh) },
    {
      key: 'channels',
      title: t('notify.prefs.channels'),
      render: (_, item) => (
        <Checkbox.Group<Channel>
          value={item.channels}
          onChange={(v) => void onChannels(item, v)}
          data-testid={`pref-${item.type}`}
          options={channelList.map((c) => ({
            value: c,
            label: channelLabel(t, c),
            disabled: item.requiredChannels.includes(c) || setPref.isPending,
          }))}
        />
      ),
    },
  ];

  const contact = prefs.data?.contact;
  return (
    <>
      <PageTitle>{t('notify.prefs.title')}</PageTitle>
      {prefs.isError ? <ErrorAlert error={prefs.error} /> : null}
      <Flex vertical gap={16}>
        <Card title={t('notify.prefs.channels')}>
          <Typography.Paragraph type="secondary">{t('notify.prefs.channelsHint')}</Typography.Paragraph>
          <ResponsiveTable<Item>
            rowKey="type"
            size="middle"
            pagination={false}
            loading={prefs.isLoading}
            columns={columns}
            dataSource={prefs.data?.items ?? []}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('notify.prefs.quietHours')}
          </Typography.Paragraph>
        </Card>
        <Card title={t('notify.prefs.contact')}>
          {contact ? (
            <Form<ContactForm>
              form={form}
              name="contact"
              layout="vertical"
              style={{ maxWidth: 480 }}
              initialValues={{ lang: contact.lang }}
              onFinish={(v) => void saveContact(v)}
            >
              <Form.Item
                name="phone"
                label={t('notify.prefs.phone')}
                extra={
                  <Flex gap={8} align="center">
                    <span data-testid="contact-phone">
                      {t('notify.prefs.current', { value: contact.phone ?? t('notify.prefs.notSet') })}
                    </span>
                    {contact.phone ? (
                      <Button size="small" type="link" onClick={() => void remove('phone')}>
                        {t('notify.prefs.remove')}
                      </Button>
                    ) : null}
                  </Flex>
                }
              >
                <Input inputMode="tel" maxLength={11} placeholder={t('notify.prefs.keep')} autoComplete="tel" />
              </Form.Item>
              <Form.Item
                name="email"
                label={t('notify.prefs.email')}
                extra={
                  <Flex gap={8} align="center">
                    <span data-testid="contact-email">
                      {t('notify.prefs.current', { value: contact.email ?? t('notify.prefs.notSet') })}
                    </span>
                    {contact.email ? (
                      <Button size="small" type="link" onClick={() => void remove('email')}>
                        {t('notify.prefs.remove')}
                      </Button>
                    ) : null}
                  </Flex>
                }
              >
                <Input type="email" maxLength={254} placeholder={t('notify.prefs.keep')} autoComplete="email" />
              </Form.Item>
              <Form.Item name="lang" label={t('notify.prefs.lang')}>
                <Select
                  style={{ width: 200 }}
                  options={[
                    { value: 'zh-CN', label: '中文' },
                    { value: 'en', label: 'English' },
                  ]}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={setContact.isPending} data-testid="contact-save">
                {t('notify.prefs.save')}
              </Button>
            </Form>
          ) : null}
        </Card>
      </Flex>
    </>
  );
}
