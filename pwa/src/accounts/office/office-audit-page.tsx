// 办公室 → 审计 (admins): who read or changed personal data, filtered by person (picked by name),
// record type and action (chosen from the server's list, in Chinese), record and period (days as counted
// in China), page by page, and exported as Excel or CSV with the same filters. Every code on this page is
// shown in the words the server's one table gives (GET /api/v1/audit/choices, and each row's labels).
// The state lives in useAudit; the parts in audit-parts.tsx.
import { Office } from '../../office/office-nav';
import { AuditEntries, AuditFilters } from './audit-parts';
import { useAudit } from './use-audit';
import '../../office/office-admin.css';

export function OfficeAuditPage(props: { query: URLSearchParams }) {
  return (
    <Office section="audit" title="审计日志" adminOnly="只有管理员能看审计日志。">
      <AuditLog query={props.query} />
    </Office>
  );
}

function AuditLog(props: { query: URLSearchParams }) {
  const a = useAudit(props.query);
  return (
    <>
      <AuditFilters a={a} />
      <AuditEntries a={a} />
    </>
  );
}
