import { App, Button, Flex, Popconfirm, Select, Typography } from 'antd';
import { useId, useState } from 'react';
import { ApiError } from '../../../app/api-error.js';
import type { DeputyView } from '../../../app/contracts.js';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useDebounced } from '../../../app/use-debounced.js';
import { useAccountCandidates, useLinkAccount } from '../api.js';

/** The account a deputy signs in with: shown to readers; linked, changed or unlinked by those who may edit. */
export function DeputyAccount({ deputy }: { deputy: Pick<DeputyView, 'account'> }) {
  const t = useT();
  const a = deputy.account;
  return a ? (
    <span data-testid="deputy-account">
      {a.displayName}
      <Typography.Text type="secondary"> ({a.username})</Typography.Text>
    </span>
  ) : (
    <Typography.Text type="secondary" data-testid="deputy-account">
      {t('deputies.account.none')}
    </Typography.Text>
  );
}

/** The editor's part: pick an account holding the deputy role in scope and link it, or unlink. */
export function DeputyAccountLink({ deputy }: { deputy: Pick<DeputyView, 'id' | 'name' | 'account'> }) {
  const t = useT();
  const { message } = App.useApp();
  const errorId = useId();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<number | undefined>(deputy.account?.id);
  const [error, setError] = useState<string | null>(null);
  const q = useDebounced(search);
  const candidates = useAccountCandidates(deputy.id, q, open || picked !== deputy.account?.id);
  const link = useLinkAccount();
  const options = (candidates.data ?? []).map((a) => ({ value: a.id, label: `${a.displayName} (${a.username})` }));
  if (deputy.account && !options.some((o) => o.value === deputy.account!.id))
    options.unshift({
      value: deputy.account.id,
      label: `${deputy.account.displayName} (${deputy.account.username})`,
    });

  const save = (userId: number | null) =>
    link
      .mutateAsync({ id: deputy.id, userId })
      .then((d) => {
        setError(null);
        setPicked(d.account?.id);
        void message.success(userId === null ? t('deputies.account.unlinked') : t('deputies.account.linked'));
      })
      .catch((e: unknown) =>
        setError(e instanceof ApiError && e.fields.length ? e.fields[0]!.message : errorMessage(e, t)),
      );

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        <Select<number>
          aria-label={t('deputies.account.select')}
          aria-describedby={error ? errorId : undefined}
          status={error ? 'error' : undefined}
          value={picked}
          onChange={(v) => {
            setPicked(v);
            setError(null);
          }}
          onOpenChange={setOpen}
          showSearch={{ filterOption: false, onSearch: setSearch }}
          options={options}
          loading={candidates.isFetching}
          placeholder={t('deputies.account.select')}
          notFoundContent={candidates.isFetching ? t('app.loading') : t('deputies.account.noCandidates')}
          style={{ minWidth: 260 }}
          data-testid="deputy-account-select"
        />
        <Button
          type="primary"
          disabled={picked === undefined || picked === deputy.account?.id}
          loading={link.isPending}
          onClick={() => void save(picked!)}
        >
          {t('deputies.account.link')}
        </Button>
        {deputy.account ? (
          <Popconfirm
            title={t('deputies.account.unlinkConfirm', { name: deputy.name })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => save(null)}
          >
            <Button danger loading={link.isPending}>
              {t('deputies.account.unlink')}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
      {error ? (
        <Typography.Text type="danger" id={errorId} role="alert">
          {error}
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary">{t('deputies.account.hint')}</Typography.Text>
    </Flex>
  );
}
