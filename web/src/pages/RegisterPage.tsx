// 收案登记: register a served suit. The court's electronic-service PDFs (应诉通知书, 起诉状副本) can be
// uploaded first: their text is extracted by the server and prefills the form for the clerk to confirm.
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Space, Upload } from 'antd';
import type { UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, get, post } from '../api.ts';
import { LEVELS, PARTY_TYPES, RECONSIDERATION } from '../format.ts';
import { useSession } from '../session.tsx';
import type { Agency } from '../types.ts';
import { useLoad } from '../useLoad.ts';
import { showFieldErrors } from '../components/fieldErrors.ts';

interface Extracted {
  fields: { caseNumber?: string; court?: string; plaintiffs?: { name: string; type: string }[]; cause?: string; servedOn?: string; actDescription?: string; level?: string };
  sources: { fileName: string; kind: string; textLength: number }[];
}

interface RegisterValues {
  agencyId: string;
  caseNumber: string;
  court: string;
  level: string;
  cause: string;
  actUnderSuit: { description: string; madeByAgencyId: string };
  reconsideration: { status: string; organAgencyId?: string };
  plaintiffs: { name: string; type: string }[];
  plaintiffCount: number;
  claimAmount?: number | null;
  complaintReceivedOn: Dayjs;
  flags?: Record<string, boolean>;
}

const FLAGS: [string, string][] = [
  ['majorPublicInterest', '涉及重大公共利益'],
  ['highAttention', '社会高度关注'],
  ['massIncidentRisk', '可能引发群体性事件'],
  ['majorComplex', '重大复杂'],
  ['procuratorate', '检察机关提起'],
  ['enterpriseRelated', '涉企'],
];

export function RegisterPage() {
  const { user } = useSession();
  const [form] = Form.useForm<RegisterValues>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const agencies = useLoad(() => get<Agency[]>('/api/agencies'), []);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [extracting, setExtracting] = useState(false);
  const [extracted, setExtracted] = useState<Extracted | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const status = Form.useWatch(['reconsideration', 'status'], form);
  const agencyOptions = (agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }));

  async function extract() {
    setExtracting(true);
    setError(null);
    try {
      const body = new FormData();
      for (const f of files) if (f.originFileObj) body.append('files', f.originFileObj, f.name);
      const result = await post<Extracted>('/api/court-papers/extract', body);
      setExtracted(result);
      const x = result.fields;
      form.setFieldsValue({
        ...(x.caseNumber ? { caseNumber: x.caseNumber } : {}),
        ...(x.court ? { court: x.court } : {}),
        ...(x.cause ? { cause: x.cause } : {}),
        ...(x.level ? { level: x.level } : {}),
        ...(x.servedOn ? { complaintReceivedOn: dayjs(x.servedOn) } : {}),
        ...(x.plaintiffs?.length ? { plaintiffs: x.plaintiffs, plaintiffCount: x.plaintiffs.length } : {}),
        ...(x.actDescription ? { actUnderSuit: { ...form.getFieldValue('actUnderSuit'), description: x.actDescription } } : {}),
      });
      message.success('已从法院文书中识别案件信息，请逐项核对');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '无法连接服务器，请稍后重试');
    } finally {
      setExtracting(false);
    }
  }

  async function submit(v: RegisterValues) {
    setBusy(true);
    setError(null);
    try {
      const created = await post<{ id: string }>('/api/cases', {
        ...v,
        complaintReceivedOn: v.complaintReceivedOn.format('YYYY-MM-DD'),
        claimAmount: v.claimAmount ?? null,
        flags: Object.fromEntries(FLAGS.map(([k]) => [k, Boolean(v.flags?.[k])])),
      });
      message.success('案件已登记，流程已启动');
      navigate(`/cases/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        const rest = showFieldErrors(form, e.fields, () => true);
        setError(e.fields.length ? (rest.length ? rest.map((f) => f.message).join('；') : '请按提示修改标红的项目') : e.message);
      } else setError('无法连接服务器，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1 className="page-title">收案登记</h1>
      <Card size="small" title="从法院电子送达文书识别（可选）" style={{ marginBottom: 16 }}>
        <Space align="start" wrap>
          <Upload accept="application/pdf,.pdf" multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
            <Button>选择应诉通知书、起诉状副本（PDF）</Button>
          </Upload>
          <Button type="primary" disabled={!files.length} loading={extracting} onClick={() => void extract()}>
            识别并填入
          </Button>
        </Space>
        {extracted && <div className="muted" style={{ marginTop: 8 }}>已识别：{extracted.sources.map((s) => s.fileName).join('、')}</div>}
      </Card>
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ agencyId: user?.agencyId, level: 'first', reconsideration: { status: 'none' }, plaintiffs: [{ name: '', type: 'person' }], plaintiffCount: 1, actUnderSuit: { madeByAgencyId: user?.agencyId } }}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="被告（应诉单位）" name="agencyId" rules={[{ required: true, message: '请选择应诉单位' }]}>
              <Select showSearch optionFilterProp="label" options={agencyOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="案号" name="caseNumber" rules={[{ required: true, message: '请填写案号' }]}>
              <Input placeholder="如（2026）鲁1502行初15号" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="受理法院" name="court" rules={[{ required: true, message: '请填写受理法院' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="审级" name="level" rules={[{ required: true, message: '请选择审级' }]}>
              <Select options={Object.entries(LEVELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="案由" name="cause" rules={[{ required: true, message: '请填写案由' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="收到起诉状副本日期" name="complaintReceivedOn" rules={[{ required: true, message: '请选择收到日期' }]}>
              <DatePicker format="YYYY年M月D日" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label="被诉行政行为" name={['actUnderSuit', 'description']} rules={[{ required: true, message: '请填写被诉行政行为' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="作出行政行为的单位" name={['actUnderSuit', 'madeByAgencyId']} rules={[{ required: true, message: '请选择作出行政行为的单位' }]}>
              <Select showSearch optionFilterProp="label" options={agencyOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="复议情况" name={['reconsideration', 'status']}>
              <Select options={Object.entries(RECONSIDERATION).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          {status && status !== 'none' && (
            <Col span={8}>
              <Form.Item label="复议机关" name={['reconsideration', 'organAgencyId']} rules={[{ required: true, message: '请选择复议机关' }]}>
                <Select showSearch optionFilterProp="label" options={agencyOptions} />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item label="诉讼标的额（元）" name="claimAmount">
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="left">原告</Divider>
        <Form.List name="plaintiffs">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item label="原告名称" name={[f.name, 'name']} rules={[{ required: true, message: '请填写原告名称' }]}>
                    <Input style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item label="类型" name={[f.name, 'type']}>
                    <Select style={{ width: 120 }} options={Object.entries(PARTY_TYPES).map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>删除</Button>}
                </Space>
              ))}
              <Button onClick={() => add({ name: '', type: 'person' })} style={{ marginBottom: 16 }}>
                添加原告
              </Button>
            </>
          )}
        </Form.List>
        {/* outside the list: inside it the name would be taken as a list row's field */}
        <Form.Item label="原告人数" name="plaintiffCount" rules={[{ required: true, message: '请填写原告人数' }]}>
          <InputNumber min={1} />
        </Form.Item>
        <Divider titlePlacement="left">案件标记</Divider>
        <Space wrap>
          {FLAGS.map(([key, label]) => (
            <Form.Item key={key} name={['flags', key]} valuePropName="checked" noStyle>
              <Checkbox>{label}</Checkbox>
            </Form.Item>
          ))}
        </Space>
        {error && <Alert type="error" showIcon message={error} role="alert" style={{ margin: '16px 0' }} />}
        <div style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={busy}>
            登记并启动流程
          </Button>
        </div>
      </Form>
    </>
  );
}
