import React, { useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Box, H2, H5, Loader, MessageBox, Text } from '@adminjs/design-system';
import type { Bucket, DashboardStats } from '../dashboard/dashboard-stats.js';
import { formatDate } from '../format-date-time.js';

const api = new ApiClient();
const ACCENT = '#3040D6';

function Card({ title, children, wide = false }: { title: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <Box variant="card" p="lg" m="sm" flexGrow={1} style={{ minWidth: wide ? 420 : 200, flexBasis: wide ? '48%' : '22%' }}>
      <H5 mb="default">{title}</H5>
      {children}
    </Box>
  );
}

/** Horizontal bars, widest first; a funnel when given the statuses in pipeline order. */
function Bars({ buckets, label }: { buckets: Bucket[]; label: string }) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  return (
    <figure aria-label={label} style={{ margin: 0 }}>
      {buckets.length === 0 && <Text color="grey60">No data yet.</Text>}
      {buckets.map((b) => (
        <div key={b.key} style={{ display: 'grid', gridTemplateColumns: '9rem 1fr 4rem', alignItems: 'center', gap: 8, margin: '4px 0' }}>
          <Text as="span" fontSize="sm">{b.label}</Text>
          <div role="img" aria-label={`${b.label}: ${b.count}`} style={{ background: '#E8EBFB', borderRadius: 4, height: 14 }}>
            <div style={{ width: `${(b.count / max) * 100}%`, background: ACCENT, borderRadius: 4, height: 14 }} />
          </div>
          <Text as="span" fontSize="sm" textAlign="right">{b.count.toLocaleString()}</Text>
        </div>
      ))}
    </figure>
  );
}

function PerDay({ days }: { days: DashboardStats['perDay'] }) {
  const max = Math.max(1, ...days.map((d) => d.count));
  const width = 600;
  const height = 140;
  const bar = width / Math.max(1, days.length);
  return (
    <svg viewBox={`0 0 ${width} ${height + 16}`} width="100%" role="img" aria-label="New leads per day, last 30 days">
      {days.map((d, i) => {
        const h = (d.count / max) * height;
        return (
          <rect key={d.date} x={i * bar + 1} y={height - h} width={bar - 2} height={h} fill={ACCENT}>
            <title>{`${formatDate(d.date)}: ${d.count}`}</title>
          </rect>
        );
      })}
      <text x={0} y={height + 14} fontSize="11" fill="#666">{formatDate(days[0]?.date)}</text>
      <text x={width} y={height + 14} fontSize="11" fill="#666" textAnchor="end">{formatDate(days.at(-1)?.date)}</text>
    </svg>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card title={label}>
      <Text fontSize="h2" fontWeight="bold">{value}</Text>
    </Card>
  );
}

/** The admin home: pipeline totals and breakdowns for the viewer's organization. */
export default function Dashboard() {
  const [stats, setStats] = useState<DashboardStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.getDashboard<DashboardStats>().then((res) => setStats(res.data), () => setError('The dashboard could not be loaded. Reload the page to try again.'));
  }, []);
  if (error) return <Box p="xl"><MessageBox message={error} variant="danger" /></Box>;
  if (!stats) return <Box p="xl"><Loader /></Box>;
  const { totals } = stats;
  return (
    <Box p="lg" data-testid="dashboard">
      <H2 mb="lg">Lead pipeline{stats.scope === 'all' ? ': all organizations' : ''}</H2>
      <Box flex flexWrap="wrap">
        <Figure label="Leads" value={totals.leads.toLocaleString()} />
        <Figure label="Open in pipeline" value={totals.open.toLocaleString()} />
        <Figure label="New, last 30 days" value={totals.lastThirtyDays.toLocaleString()} />
        <Figure label="Conversion rate (converted / decided)" value={`${totals.conversionRate}%`} />
      </Box>
      <Box flex flexWrap="wrap">
        <Card title="Funnel by status" wide><Bars buckets={stats.byStatus} label="Leads by status" /></Card>
        <Card title="New leads per day, last 30 days" wide><PerDay days={stats.perDay} /></Card>
        <Card title="By product type" wide><Bars buckets={stats.byProductType} label="Leads by product type" /></Card>
        <Card title="By source type" wide><Bars buckets={stats.bySourceType} label="Leads by source type" /></Card>
        <Card title="By campaign (top 10)" wide><Bars buckets={stats.byCampaign} label="Leads by campaign" /></Card>
      </Box>
    </Box>
  );
}
