// The workspace's frame: the login gate, the side menu by role, the header, the pages' routes.
import { Button, Layout, Menu, Result, Space, Spin, Tag } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './session.tsx';
import { ROLES } from './format.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LedgerPage } from './pages/LedgerPage.tsx';
import { CasePage } from './pages/CasePage.tsx';
import { RegisterPage } from './pages/RegisterPage.tsx';
import { TasksPage } from './pages/TasksPage.tsx';
import { NotificationsPage } from './pages/NotificationsPage.tsx';
import { ImportPage } from './pages/ImportPage.tsx';
import { AssessmentPage, AssessmentSheetPage } from './pages/AssessmentPage.tsx';
import { StatisticsReportsPage } from './pages/StatisticsReportsPage.tsx';
import { CalendarAdminPage } from './pages/admin/CalendarAdminPage.tsx';
import { ChannelsAdminPage } from './pages/admin/ChannelsAdminPage.tsx';
import { AuditPage } from './pages/admin/AuditPage.tsx';
import { AccountsAdminPage } from './pages/admin/AccountsAdminPage.tsx';
// pages with heavy libraries (ECharts, the bpmn-js modeler) load when first opened: not in the main chunk
const StatisticsPage = lazy(() => import('./pages/StatisticsPage.tsx').then((m) => ({ default: m.StatisticsPage })));
const ModelerPage = lazy(() => import('./pages/ModelerPage.tsx').then((m) => ({ default: m.ModelerPage })));
const CataloguePage = lazy(() => import('./pages/CataloguePage.tsx').then((m) => ({ default: m.CataloguePage })));
const ProfilesPage = lazy(() => import('./pages/ProfilesPage.tsx').then((m) => ({ default: m.ProfilesPage })));
const loading = (
  <Spin tip="正在加载…">
    <div style={{ height: 200 }} />
  </Spin>
);

const { Header, Sider, Content } = Layout;

export function App() {
  const session = useSession();
  const location = useLocation();
  if (session.loading) {
    return (
      <div className="login-wrap">
        <Spin size="large" tip="正在加载…">
          <div style={{ width: 120, height: 80 }} />
        </Spin>
      </div>
    );
  }
  if (!session.user || session.user.mustChangePassword) return <LoginPage />;

  const isAdmin = session.hasRole('admin');
  const canAudit = session.hasRole('admin', 'justice-bureau');
  const canRegister = session.hasRole('clerk', 'legal-affairs', 'handler', 'admin');
  // process analysts (流程分析员) model and deploy; an admin may do everything an analyst may
  const canModel = session.hasRole('analyst', 'admin');
  const items = [
    { key: '/', label: <Link to="/">首页</Link> },
    { key: '/ledger', label: <Link to="/ledger">台账</Link> },
    { key: '/tasks', label: <Link to="/tasks">待办</Link> },
    { key: '/notifications', label: <Link to="/notifications">通知</Link> },
    { key: '/statistics', label: <Link to="/statistics">统计分析</Link> },
    { key: '/assessment', label: <Link to="/assessment">考核评分</Link> },
    { key: '/reports', label: <Link to="/reports">统计报告</Link> },
    ...(canRegister ? [{ key: '/register', label: <Link to="/register">收案登记</Link> }, { key: '/import', label: <Link to="/import">存量案件导入</Link> }] : []),
    ...(canModel ? [{ key: '/modeler', label: <Link to="/modeler">流程建模</Link> }, { key: '/processes', label: <Link to="/processes">流程目录</Link> }, { key: '/profiles', label: <Link to="/profiles">规则配置</Link> }] : []),
    ...(isAdmin || canAudit
      ? [
          {
            key: 'admin',
            label: '系统管理',
            children: [
              ...(isAdmin ? [{ key: '/admin/calendar', label: <Link to="/admin/calendar">节假日日历</Link> }, { key: '/admin/channels', label: <Link to="/admin/channels">通知渠道</Link> }] : []),
              // an admin manages accounts, a justice bureau reads its region's
              { key: '/admin/accounts', label: <Link to="/admin/accounts">用户管理</Link> },
              { key: '/admin/audit', label: <Link to="/admin/audit">审计日志</Link> },
            ],
          },
        ]
      : []),
  ];
  const selected = '/' + (location.pathname.split('/')[1] ?? '');
  const selectedKey = location.pathname.startsWith('/admin/') ? location.pathname : location.pathname.startsWith('/cases') ? '/ledger' : selected;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">跳到正文</a>
      <Sider width={184} breakpoint="lg" collapsedWidth={0} theme="dark" aria-label="导航">
        <div className="brand">行政应诉工作台</div>
        <Menu theme="dark" mode="inline" selectedKeys={[selectedKey]} defaultOpenKeys={['admin']} items={items} />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 20px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', borderBottom: '1px solid #f0f0f0' }} className="no-print">
          <Space size="middle">
            <span>{session.user.agencyName}</span>
            <span aria-label="当前用户">
              {session.user.name}
              {session.user.roles.map((r) => (
                <Tag key={r} style={{ marginLeft: 6 }}>
                  {ROLES[r] ?? '其他角色'}
                </Tag>
              ))}
            </span>
            <Button onClick={() => void session.logout()}>退出登录</Button>
          </Space>
        </Header>
        <Content id="main" style={{ margin: 16, padding: 20, background: '#fff', minWidth: 0 }}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/ledger" element={<LedgerPage />} />
            <Route path="/cases/:id" element={<CasePage />} />
            <Route path="/tasks" element={<TasksPage />} />
            <Route path="/tasks/:taskId" element={<TasksPage />} />
            <Route path="/notifications" element={<NotificationsPage />} />
            <Route path="/statistics" element={<Suspense fallback={loading}><StatisticsPage /></Suspense>} />
            <Route path="/reports" element={<StatisticsReportsPage />} />
            <Route path="/register" element={canRegister ? <RegisterPage /> : <NoAccess />} />
            <Route path="/import" element={canRegister ? <ImportPage /> : <NoAccess />} />
            <Route path="/assessment" element={<AssessmentPage />} />
            <Route path="/assessment/:agencyId/:year" element={<AssessmentSheetPage />} />
            <Route path="/admin/calendar" element={isAdmin ? <CalendarAdminPage /> : <NoAccess />} />
            <Route path="/admin/channels" element={isAdmin ? <ChannelsAdminPage /> : <NoAccess />} />
            <Route path="/admin/audit" element={canAudit ? <AuditPage /> : <NoAccess />} />
            <Route path="/admin/accounts" element={canAudit ? <AccountsAdminPage /> : <NoAccess />} />
            <Route path="/profiles" element={canModel ? <Suspense fallback={loading}><ProfilesPage /></Suspense> : <NoAccess />} />
            <Route path="/modeler" element={canModel ? <Suspense fallback={loading}><ModelerPage /></Suspense> : <NoAccess />} />
            <Route path="/processes" element={canModel ? <Suspense fallback={loading}><CataloguePage /></Suspense> : <NoAccess />} />
            <Route path="/login" element={<Navigate to="/" replace />} />
            <Route path="*" element={<Result status="404" title="页面不存在" extra={<Link to="/">返回首页</Link>} />} />
          </Routes>
        </Content>
      </Layout>
    </Layout>
  );
}

function NoAccess() {
  return <Result status="403" title="无权访问" subTitle="您的角色不能使用此页面。" extra={<Link to="/">返回首页</Link>} />;
}
