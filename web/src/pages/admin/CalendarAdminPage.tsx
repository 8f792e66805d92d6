// 节假日日历: the years whose holiday notice is in the calendar, and adding a year (the State
// Council's notice): provisional deadlines of that year are recomputed.
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, get, post } from '../../api.ts';
import { useLoad } from '../../useLoad.ts';
import { showFieldErrors } from '../../components/fieldErrors.ts';

interface CoveredYear {
  year: number;
  notice: string;
  source: string;
}

export function CalendarAdminPage() {
  const years = useLoad(() => get<CoveredYear[]>('/api/calendar/years'), []);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { year: number; notice: string; days: { date: Dayjs; isOffDay: boolean; name: string }[] }) => {
    setError(null);
    try {
      const result = await post<{ recomputed?: number }>('/api/admin/calendar/years', { year: v.year, notice: v.notice, days: (v.days ?? []).map((d) => ({ date: d.date?.format('YYYY-MM-DD'), isOffDay: Boolean(d.isOffDay), name: d.name })) });
      message.success(`已录入${v.year}年节假日安排${result.recomputed ? `，重算了${result.recomputed}个暂定期限` : ''}`);
      form.resetFields();
      years.reload();
    } catch (e) {
      if (e instanceof ApiError) {
        const rest = showFieldErrors(form, e.fields, (p) => ['year', 'notice', 'days'].includes(String(p[0])));
        setError(rest.length || !e.fields.length ? e.message : null);
      } else setError('无法连接服务器，请稍后重试');
    }
  };
  return (
    <>
      <h1 className="page-title">节假日日历</h1>
      <Table<CoveredYear>
        rowKey="year"
        size="small"
        loading={years.loading}
        dataSource={years.data ?? []}
        pagination={false}
        columns={[
          { title: '年度', dataIndex: 'year', width: 100, render: (y: number) => `${y}年` },
          { title: '放假通知', dataIndex: 'notice' },
          { title: '来源', dataIndex: 'source', width: 200, render: (s: string) => (s === 'chinese-days' || s === 'package' ? '内置数据' : '管理员录入') },
        ]}
      />
      <Card title="录入新年度的放假安排" size="small" style={{ marginTop: 16 }}>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ days: [{ isOffDay: true }] }}>
          <Space align="start" wrap>
            <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber min={2004} max={2099} />
            </Form.Item>
            <Form.Item label="放假通知文号或标题" name="notice" rules={[{ required: true, message: '请填写放假通知' }]}>
              <Input style={{ width: 420 }} />
            </Form.Item>
          </Space>
          <Form.List name="days">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item label="日期" name={[f.name, 'date']} rules={[{ required: true, message: '请选择日期' }]}>
                      <DatePicker format="YYYY年M月D日" />
                    </Form.Item>
                    <Form.Item label="名称" name={[f.name, 'name']} rules={[{ required: true, message: '请填写名称' }]}>
                      <Input placeholder="如 春节" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'isOffDay']} valuePropName="checked">
                      <Checkbox>休息日（不勾选为调休上班日）</Checkbox>
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>删除</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ isOffDay: true })}>添加一天</Button>
              </>
            )}
          </Form.List>
          {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginTop: 12 }} />}
          <Button type="primary" htmlType="submit" style={{ marginTop: 16 }}>
            保存
          </Button>
        </Form>
      </Card>
    </>
  );
}
