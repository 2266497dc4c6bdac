import { Button, Card, Empty, List, Space } from 'antd';
import type { AppointmentView, ReceptionView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { markAppointment, type MarkAppointmentBody } from '../api.js';
import type { RunDirect } from '../hooks/use-table-reception.js';

/** The bookings of the reception, each marked as come or not (needs the network). */
export function TableAppointmentsCard({
  reception,
  disabled,
  direct,
}: {
  reception: ReceptionView;
  /** Offline, or another call is under way. */
  disabled: boolean;
  direct: RunDirect;
}) {
  const t = useT();
  const mark = (a: AppointmentView, status: MarkAppointmentBody['status']) =>
    void direct(() => markAppointment(reception.id, a.id, { status }), t('receptions.saved'));
  return (
    <Card size="small" title={t('receptions.table.appointments')} style={{ marginBottom: 12 }}>
      {reception.appointments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('receptions.noAppointments')} />
      ) : (
        <List
          size="small"
          dataSource={reception.appointments.filter((a) => a.status !== 'cancelled')}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Space key="mark">
                  <Button
                    size="small"
                    type={a.status === 'attended' ? 'primary' : 'default'}
                    disabled={disabled}
                    onClick={() => mark(a, 'attended')}
                  >
                    {t('receptions.appt.attended')}
                  </Button>
                  <Button
                    size="small"
                    danger={a.status === 'noShow'}
                    disabled={disabled}
                    onClick={() => mark(a, 'noShow')}
                  >
                    {t('receptions.appt.noShow')}
                  </Button>
                </Space>,
              ]}
            >
              {a.slot} · {a.name} · {a.phone} · {a.topic}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
