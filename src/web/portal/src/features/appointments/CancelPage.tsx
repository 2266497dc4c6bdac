import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { AppointmentByToken } from '../../../../../contracts/portal.js';
import { ApiError, post } from '../../app/api.js';
import { useT } from '../../app/i18n.js';

type Appointment = z.infer<typeof AppointmentByToken>;

/**
 * The page the booking SMS links to: it names the appointment (station, day and time, place, the
 * deputies on duty), then one button to cancel (a link alone must not cancel, a preview bot would).
 */
export default function CancelPage() {
  const t = useT();
  const token = new URLSearchParams(window.location.search).get('t') ?? '';
  const [state, setState] = useState<'ready' | 'sending' | 'done'>('ready');
  const [error, setError] = useState<ApiError | null>(null);
  const [appointment, setAppointment] = useState<Appointment | null>(null);
  useEffect(() => {
    if (token.length < 20) return;
    let live = true;
    post<Appointment>('/api/public/appointments/by-token', { token }).then(
      (a) => live && setAppointment(a),
      (err: unknown) => live && setError(err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', String(err))),
    );
    return () => {
      live = false;
    };
  }, [token]);
  const cancel = () => {
    setState('sending');
    setError(null);
    post('/api/public/receptions/appointments/cancel', { token }).then(
      () => setState('done'),
      (err: unknown) => {
        setState('ready');
        setError(err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', String(err)));
      },
    );
  };
  const gone = appointment && appointment.status !== 'booked';
  return (
    <article className="card">
      <h1>{t('cancelTitle')}</h1>
      {appointment && (
        <dl className="facts" data-testid="appointment">
          <dt>{t('apptStation')}</dt>
          <dd>{appointment.stationName}</dd>
          <dt>{t('apptWhen')}</dt>
          <dd>
            {appointment.day} {appointment.start}–{appointment.end}
          </dd>
          {appointment.place && (
            <>
              <dt>{t('apptPlace')}</dt>
              <dd>{appointment.place}</dd>
            </>
          )}
          {appointment.deputies.length > 0 && (
            <>
              <dt>{t('apptDeputies')}</dt>
              <dd>{appointment.deputies.join(t('listSep'))}</dd>
            </>
          )}
        </dl>
      )}
      {state === 'done' || appointment?.status === 'cancelled' ? (
        <p role="status" data-testid="cancel-done">
          {state === 'done' ? t('cancelDone') : t('cancelAlready')}
        </p>
      ) : (
        <>
          {!gone && <p>{t('cancelText')}</p>}
          {(error || gone) && (
            <p className="error" role="alert">
              {gone || !error || error.status === 404 || error.status === 400 ? t('cancelDead') : error.message}
            </p>
          )}
          <button
            type="button"
            className="btn block"
            onClick={cancel}
            disabled={!token || state === 'sending' || !!gone}
            data-testid="cancel-booking"
          >
            {t('cancelButton')}
          </button>
        </>
      )}
    </article>
  );
}
