import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  CalendarDayView,
  CalendarStatus,
  CalendarYearView,
  ConfirmYearRequest,
  CorrectDayRequest,
  DayKind,
  ResetDayRequest,
} from '../../../../../contracts/calendar.js';
import { api } from '../../app/api-client.js';
import { queryClient } from '../../app/query-client.js';

export type { CalendarDayView, CalendarStatus, CalendarYearView, CorrectDayRequest, DayKind };

export const dayKinds: readonly DayKind[] = ['holiday', 'adjustedWorkday', 'weekend', 'workday'];

const statusKey = ['calendar', 'status'] as const;
const yearKey = (year: number) => ['calendar', 'year', year] as const;

/** Whether this year's and next year's official holidays are loaded (the warning banner). */
export function useCalendarStatus(enabled = true) {
  return useQuery({
    queryKey: statusKey,
    queryFn: () => api<CalendarStatus>('GET', '/api/calendar/status'),
    staleTime: 10 * 60_000,
    enabled,
  });
}

/** A year's holidays, adjusted working days and corrections. */
export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: yearKey(year),
    queryFn: () => api<CalendarYearView>('GET', `/api/calendar/years/${year}`),
  });
}

function refresh(day: string) {
  void queryClient.invalidateQueries({ queryKey: yearKey(Number(day.slice(0, 4))) });
  void queryClient.invalidateQueries({ queryKey: statusKey });
}

export function useCorrectDay() {
  return useMutation({
    mutationFn: ({ day, body }: { day: string; body: CorrectDayRequest }) =>
      api<CalendarDayView>('POST', `/api/calendar/days/${day}`, body),
    onSuccess: (saved) => refresh(saved.day),
  });
}

export function useResetDay() {
  return useMutation({
    mutationFn: ({ day, body }: { day: string; body: ResetDayRequest }) =>
      api<CalendarDayView>('POST', `/api/calendar/days/${day}/reset`, body),
    onSuccess: (saved) => refresh(saved.day),
  });
}

export function useConfirmYear() {
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: ConfirmYearRequest }) =>
      api<CalendarYearView>('POST', `/api/calendar/years/${year}/confirm`, body),
    onSuccess: (saved) => refresh(`${saved.year}-01-01`),
  });
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a `YYYY-MM-DD` date, without time zones. */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function dayOf(year: number, month: number, date: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}
