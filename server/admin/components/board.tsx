import React, { useEffect, useState } from 'react';
import { ApiClient, useNotice } from 'adminjs';
import { Badge, Box, H2, H5, Loader, Text } from '@adminjs/design-system';
import type { BoardColumn } from '../pipeline/board-data.js';

const api = new ApiClient();
type BoardResponse = { columns: BoardColumn[]; notice?: { type: 'success' | 'error'; message: string } };

function age(iso: string): string {
  const hours = Math.max(0, (Date.now() - new Date(iso).getTime()) / 3_600_000);
  return hours < 24 ? `${Math.floor(hours)}h` : `${Math.floor(hours / 24)}d`;
}

/**
 * The pipeline board: a column per status. Drag a card to another column to
 * change its status; keyboard users use the "Move to" menu on each card.
 */
export default function Board() {
  const [columns, setColumns] = useState<BoardColumn[] | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const addNotice = useNotice();

  useEffect(() => {
    api.getPage<BoardResponse>({ pageName: 'board' }).then((res) => setColumns(res.data.columns));
  }, []);

  const move = async (leadId: number, status: string) => {
    const res = await api.getPage<BoardResponse>({ pageName: 'board', method: 'post', data: { leadId, status } });
    setColumns(res.data.columns);
    if (res.data.notice) addNotice(res.data.notice);
  };

  if (!columns) return <Box p="xl"><Loader /></Box>;
  return (
    <Box p="lg" data-testid="board">
      <H2 mb="lg">Pipeline board</H2>
      <Box flex className="lh-board-columns" style={{ gap: 12, overflowX: 'auto', alignItems: 'flex-start', width: '100%', paddingBottom: 8 }}>
        {columns.map((column) => (
          <Box
            key={column.status}
            variant="card"
            p="default"
            data-status={column.status}
            style={{ minWidth: 200, width: 200, flexShrink: 0, minHeight: 200 }}
            onDragOver={(e: React.DragEvent) => e.preventDefault()}
            onDrop={(e: React.DragEvent) => { e.preventDefault(); if (dragging !== null) void move(dragging, column.status); setDragging(null); }}
          >
            <H5 mb="default">{column.label} <Badge size="sm">{column.count.toLocaleString()}</Badge></H5>
            {column.cards.map((card) => (
              <Box
                key={card.id}
                data-lead-id={card.id}
                draggable
                onDragStart={() => setDragging(card.id)}
                p="default"
                mb="default"
                style={{ border: '1px solid #DDE1F3', borderRadius: 6, background: '#fff', cursor: 'grab' }}
              >
                <a href={`${window.location.pathname.replace(/\/pages\/board$/, '')}/resources/leads/records/${card.id}/show`}>
                  <Text fontWeight="bold">{card.name}</Text>
                </a>
                <Text fontSize="sm" color="grey60">{card.product ?? 'No product'} · score {card.score ?? '–'} · {age(card.createdAt)}</Text>
                <label style={{ fontSize: 12 }}>
                  Move to{' '}
                  <select value={column.status} onChange={(e) => void move(card.id, e.target.value)} aria-label={`Move ${card.name} to`}>
                    {columns.map((c) => <option key={c.status} value={c.status}>{c.label}</option>)}
                  </select>
                </label>
              </Box>
            ))}
            {column.count > column.cards.length && (
              <Text fontSize="sm" color="grey60">+{(column.count - column.cards.length).toLocaleString()} more in the list</Text>
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
