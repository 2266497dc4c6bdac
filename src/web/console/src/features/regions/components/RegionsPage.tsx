import { App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, Row, Tree, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../app/api-error.js';
import type { RegionView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { fetchChildren, useAddRegion, useRenameRegion } from '../api.js';

interface TreeItem {
  key: string;
  title: string;
  isLeaf: boolean;
  region: RegionView;
  children?: TreeItem[];
}

/** Whether the error is shown next to the fields already. */
const fieldErrors = (error: unknown) => error instanceof ApiError && error.fields.length > 0;

const itemOf = (r: RegionView): TreeItem => ({ key: r.code, title: r.name, isLeaf: !r.hasChildren, region: r });

/** Puts `children` under the node `code` of the tree. */
function withChildren(items: TreeItem[], code: string, children: TreeItem[]): TreeItem[] {
  return items.map((i) =>
    i.key === code
      ? { ...i, children, isLeaf: children.length === 0 }
      : { ...i, children: i.children ? withChildren(i.children, code, children) : undefined },
  );
}

function rename(items: TreeItem[], region: RegionView): TreeItem[] {
  return items.map((i) =>
    i.key === region.code
      ? { ...i, title: region.name, region }
      : { ...i, children: i.children ? rename(i.children, region) : undefined },
  );
}

/** /console/regions (administrators): browse the division tree, correct a name, add a node. */
export function RegionsPage() {
  const t = useT();
  const { message } = App.useApp();
  const [items, setItems] = useState<TreeItem[]>([]);
  const [selected, setSelected] = useState<RegionView | null>(null);
  const [nameForm] = Form.useForm<{ name: string }>();
  const [childForm] = Form.useForm<{ code: string; name: string }>();
  const renameRegion = useRenameRegion();
  const addRegion = useAddRegion();

  useEffect(() => {
    void fetchChildren().then((top) => setItems(top.map(itemOf)));
  }, []);
  useEffect(() => {
    nameForm.setFieldsValue({ name: selected?.name ?? '' });
    childForm.resetFields();
    renameRegion.reset();
    addRegion.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset the forms when another node is chosen
  }, [selected?.code]);

  const load = async (code: string) => {
    const children = await fetchChildren(code);
    setItems((prev) => withChildren(prev, code, children.map(itemOf)));
  };

  const prefix = selected ? selected.code.replace(/0+$/, '') : '';

  return (
    <>
      <PageTitle>{t('regions.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('regions.hint')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card>
            <Tree<TreeItem>
              treeData={items}
              loadData={(node) => load(node.key)}
              showLine
              blockNode
              selectedKeys={selected ? [selected.code] : []}
              onSelect={(_keys, info) => setSelected(info.node.region)}
              data-testid="region-tree"
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card>
            {selected ? (
              <Flex vertical gap={16}>
                <Descriptions
                  column={1}
                  size="small"
                  bordered
                  items={[
                    { key: 'code', label: t('regions.code'), children: selected.code },
                    { key: 'level', label: t('regions.level'), children: t(`regionLevel.${selected.level}`) },
                  ]}
                />
                <Form<{ name: string }>
                  form={nameForm}
                  name="regionName"
                  layout="vertical"
                  requiredMark={false}
                  onFinish={({ name }) =>
                    renameRegion.mutate(
                      { code: selected.code, name: name.trim() },
                      {
                        onSuccess: (region) => {
                          void message.success(t('regions.renamed'));
                          setSelected(region);
                          setItems((prev) => rename(prev, region));
                        },
                        onError: (e) => applyFieldErrors(nameForm, e, ['name']),
                      },
                    )
                  }
                >
                  <Form.Item
                    name="name"
                    label={t('regions.name')}
                    rules={[{ required: true, whitespace: true, message: t('common.required') }]}
                  >
                    <Input maxLength={100} autoComplete="off" />
                  </Form.Item>
                  {renameRegion.error && !fieldErrors(renameRegion.error) ? (
                    <ErrorAlert error={renameRegion.error} />
                  ) : null}
                  <Button htmlType="submit" loading={renameRegion.isPending} data-testid="region-rename">
                    {t('regions.rename')}
                  </Button>
                </Form>
                {selected.level === 'village' ? (
                  <Typography.Text type="secondary">{t('regions.noChildren')}</Typography.Text>
                ) : (
                  <Form<{ code: string; name: string }>
                    form={childForm}
                    name="regionChild"
                    layout="vertical"
                    requiredMark={false}
                    onFinish={(v) =>
                      addRegion.mutate(
                        { code: v.code.trim(), name: v.name.trim(), parentCode: selected.code },
                        {
                          onSuccess: () => {
                            void message.success(t('regions.added'));
                            childForm.resetFields();
                            void load(selected.code);
                          },
                          onError: (e) => applyFieldErrors(childForm, e, ['code', 'name']),
                        },
                      )
                    }
                  >
                    <Typography.Title level={2} style={{ fontSize: '1.1em' }}>
                      {t('regions.addChild')}
                    </Typography.Title>
                    <Row gutter={12}>
                      <Col span={10}>
                        <Form.Item
                          name="code"
                          label={t('regions.code')}
                          extra={t('regions.codeHelp', { prefix })}
                          rules={[{ required: true, pattern: /^[0-9]{6,12}$/, message: t('common.required') }]}
                        >
                          <Input maxLength={12} inputMode="numeric" autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col span={14}>
                        <Form.Item
                          name="name"
                          label={t('regions.name')}
                          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
                        >
                          <Input maxLength={100} autoComplete="off" />
                        </Form.Item>
                      </Col>
                    </Row>
                    {addRegion.error && !fieldErrors(addRegion.error) ? <ErrorAlert error={addRegion.error} /> : null}
                    <Button htmlType="submit" loading={addRegion.isPending} data-testid="region-add">
                      {t('regions.addChild')}
                    </Button>
                  </Form>
                )}
              </Flex>
            ) : (
              <Empty description={t('regions.pick')} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
