import { useMutation } from '@tanstack/react-query';
import { api, applySession } from '../../app/api-client.js';
import type {
  ChangePasswordRequest,
  LoginRequest,
  SessionState,
  SessionsEnded,
  TotpSetup,
} from '../../app/contracts.js';
import { queryClient, sessionKey } from '../../app/query-client.js';
import { resetToSignedOut } from '../../app/session.js';

export function useLogin() {
  return useMutation({
    mutationFn: (body: LoginRequest) => api<SessionState>('POST', '/api/auth/login', body),
    onSuccess: applySession,
  });
}

export function useVerifyMfa() {
  return useMutation({
    mutationFn: (code: string) => api<SessionState>('POST', '/api/auth/mfa', { code }),
    onSuccess: applySession,
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => api<SessionState>('POST', '/api/auth/password', body),
    onSuccess: applySession,
  });
}

/** Signs out of this session; the console forgets the user even if the server call fails. */
export function useLogout() {
  return useMutation({
    mutationFn: async () => {
      try {
        await api<{ ok: true }>('POST', '/api/auth/logout', undefined, { quietAuth: true });
      } finally {
        await resetToSignedOut({ deliberate: true });
      }
    },
  });
}

export function useLogoutEverywhere() {
  return useMutation({
    mutationFn: async () => {
      const result = await api<SessionsEnded>('POST', '/api/auth/logout-everywhere');
      await resetToSignedOut({ deliberate: true });
      return result;
    },
  });
}

export function useBeginTotp() {
  return useMutation({ mutationFn: () => api<TotpSetup>('POST', '/api/auth/totp/setup') });
}

export function useEnableTotp() {
  return useMutation({
    mutationFn: (code: string) => api<{ ok: true }>('POST', '/api/auth/totp/enable', { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKey }),
  });
}

export function useDisableTotp() {
  return useMutation({
    mutationFn: (password: string) => api<{ ok: true }>('POST', '/api/auth/totp/disable', { password }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKey }),
  });
}
