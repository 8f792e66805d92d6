// 存量案件导入: an agency's existing ledger as .xlsx (the documented template): upload, progress, and
// every bad cell by row and column; nothing of a bad file is imported.
import { Alert, Button, Card, Progress, Result, Space, Table, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, download, get, post } from '../api.ts';

interface ImportError {
  row: number;
  column: string;
  field: string;
  message: string;
}
interface ImportStatus {
  status: 'importing' | 'done' | 'invalid' | 'failed';
  total: number;
  processed: number;
  errors: ImportError[];
  caseIds: string[];
}

export function ImportPage() {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [importId, setImportId] = useState<string | null>(null);
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [errors, setErrors] = useState<ImportError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!importId) return;
    let live = true;
    const poll = async () => {
      try {
        const s = await get<ImportStatus>(`/api/imports/${importId}`);
        if (!live) return;
        setStatus(s);
        if (s.errors.length) setErrors(s.errors);
        if (s.status === 'importing') setTimeout(() => void poll(), 1000);
      } catch (e) {
        if (live) setMessage((e as Error).message);
      }
    };
    void poll();
    return () => {
      live = false;
    };
  }, [importId]);

  async function upload() {
    const file = files[0]?.originFileObj;
    if (!file) return;
    setBusy(true);
    setErrors([]);
    setMessage(null);
    setStatus(null);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const { id } = await post<{ id: string }>('/api/imports', body);
      setImportId(id);
    } catch (e) {
      if (e instanceof ApiError) {
        setMessage(e.message);
        // an invalid file: every bad cell (rows); a request error: the fields
        const rows = Array.isArray(e.body.rows) ? (e.body.rows as ImportError[]) : e.fields.map((f) => ({ row: 0, column: '', field: f.field, message: f.message }));
        setErrors(rows);
      } else setMessage('无法连接服务器，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1 className="page-title">存量案件导入</h1>
      <Card size="small" style={{ marginBottom: 16 }}>
        <p>已在办理中的案件可按模板整理为 Excel 文件一次导入：每一行先逐项校验，有任何错误则整份文件不导入；校验通过后逐件登记，并从案件已到达的阶段启动流程。</p>
        <Space wrap>
          <Button onClick={() => void download('/api/imports/template.xlsx', '存量案件导入模板.xlsx').catch((e: Error) => setMessage(e.message))}>下载导入模板</Button>
          <Upload accept=".xlsx" maxCount={1} fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList.slice(-1))}>
            <Button>选择 Excel 文件</Button>
          </Upload>
          <Button type="primary" disabled={!files.length} loading={busy} onClick={() => void upload()}>
            开始导入
          </Button>
        </Space>
      </Card>
      {message && <Alert type="error" showIcon message={message} role="alert" style={{ marginBottom: 12 }} />}
      {status && (
        <Card size="small" style={{ marginBottom: 16 }} title="导入进度">
          <Progress percent={status.total ? Math.round((status.processed / status.total) * 100) : 0} status={status.status === 'failed' || status.status === 'invalid' ? 'exception' : status.status === 'done' ? 'success' : 'active'} />
          <div>
            已处理{status.processed}行，共{status.total}行
          </div>
          {status.status === 'done' && <Result status="success" title={`已导入${status.caseIds.length}件案件`} extra={<Link to="/ledger">在台账中查看</Link>} />}
          {status.status === 'invalid' && <Alert type="error" showIcon message="文件中有错误，未导入任何案件。请按下表修改后重新导入。" />}
          {status.status === 'failed' && <Alert type="error" showIcon message="导入失败，未导入任何案件。请稍后重试或联系管理员。" />}
        </Card>
      )}
      {errors.length > 0 && (
        <Table<ImportError>
          rowKey={(e) => `${e.row}:${e.column}:${e.field}:${e.message}`}
          size="small"
          dataSource={errors}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '行', dataIndex: 'row', width: 70, render: (r: number) => (r ? `第${r}行` : '—') },
            { title: '列', dataIndex: 'column', width: 160, render: (c: string) => c || '—' },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
    </>
  );
}
