import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CalendarDayView,
  CalendarStatus,
  CalendarYearView,
  ConfirmYearRequest,
  CorrectDayRequest,
  DayParams,
  ResetDayRequest,
  WorkingDaysQuery,
  WorkingDaysResult,
  YearParams,
} from '../../../contracts/calendar.js';
import type { Platform } from '../context.js';
import { actorOf, contextOf } from '../http/request-context.js';
import { authorizeRead } from './policy.js';
import * as calendar from './service.js';

/** The official working-day calendar: status, a year's special days, administrators' corrections. */
export const calendarRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['calendar'];
  app.get('/status', {
    schema: {
      tags,
      summary: "Whether this year's and next year's holidays are loaded (the console's warning banner)",
      response: { 200: CalendarStatus },
    },
    handler: (req) => {
      authorizeRead(actorOf(req));
      return calendar.calendarStatus(p.db, { lang: req.lang });
    },
  });
  app.get('/years/:year', {
    schema: {
      tags,
      summary: "A year's holidays, adjusted working days and corrections",
      params: YearParams,
      response: { 200: CalendarYearView },
    },
    handler: (req) => calendar.getYear(p, actorOf(req), req.params.year),
  });
  app.post('/years/:year/confirm', {
    schema: {
      tags,
      summary: 'Confirm a year entered by hand as complete (administrator)',
      params: YearParams,
      body: ConfirmYearRequest,
      response: { 200: CalendarYearView },
    },
    handler: (req) => calendar.confirmYear(p, contextOf(req), actorOf(req), req.params.year, req.body),
  });
  app.get('/days/:day', {
    schema: { tags, summary: 'One day as the calendar has it', params: DayParams, response: { 200: CalendarDayView } },
    handler: (req) => calendar.getDay(p, actorOf(req), req.params.day),
  });
  app.post('/days/:day', {
    schema: {
      tags,
      summary: 'Correct a day (administrator); never overwritten by imports',
      params: DayParams,
      body: CorrectDayRequest,
      response: { 200: CalendarDayView },
    },
    handler: (req) => calendar.correctDay(p, contextOf(req), actorOf(req), req.params.day, req.body),
  });
  app.post('/days/:day/reset', {
    schema: {
      tags,
      summary: "Withdraw an administrator's correction (back to the package or the plain rule)",
      params: DayParams,
      body: ResetDayRequest,
      response: { 200: CalendarDayView },
    },
    handler: (req) => calendar.resetDay(p, contextOf(req), actorOf(req), req.params.day, req.body),
  });
  app.get('/working-days', {
    schema: {
      tags,
      summary: 'The n-th working day after a date (deadline preview)',
      querystring: WorkingDaysQuery,
      response: { 200: WorkingDaysResult },
    },
    handler: (req) => calendar.workingDayAfter(p, actorOf(req), req.query.from, req.query.n),
  });
};
