// 登录, and the forced password change of a seeded account.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { useSession } from '../session.tsx';

export function LoginPage() {
  const session = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mustChange = Boolean(session.user?.mustChangePassword);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '无法连接服务器，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-wrap">
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          行政应诉工作台
        </Typography.Title>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        {mustChange ? (
          <Form layout="vertical" onFinish={(v: { currentPassword: string; newPassword: string }) => run(() => session.changePassword(v.currentPassword, v.newPassword))}>
            <Alert type="warning" showIcon message="首次登录，请先修改初始密码" style={{ marginBottom: 16 }} />
            <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
              <Input.Password autoComplete="current-password" autoFocus />
            </Form.Item>
            <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: '请输入新密码' }, { min: 10, message: '新密码至少 10 位' }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label="确认新密码"
              name="confirm"
              dependencies={['newPassword']}
              rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) })]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              修改密码
            </Button>
            <Button type="link" block onClick={() => void session.logout()}>
              退出登录
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={(v: { login: string; password: string }) => run(() => session.login(v.login, v.password))}>
            <Form.Item label="用户名" name="login" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              登录
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
