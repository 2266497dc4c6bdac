import type { ApiErrorBody } from './contracts.js';

export interface FieldError {
  path: string;
  message: string;
}

/** An error answer of the API (or a failure to get one), with its message already in the UI language. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly fields: FieldError[];
  readonly details: Record<string, unknown>;

  constructor(status: number, body: Pick<ApiErrorBody, 'code' | 'message'> & Partial<ApiErrorBody>) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.requestId = body.requestId ?? null;
    this.fields = body.fields ?? [];
    this.details = body.details ?? {};
  }
}

/** Whether `value` has the one error shape of the API. */
export function isErrorBody(value: unknown): value is { error: ApiErrorBody } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}
