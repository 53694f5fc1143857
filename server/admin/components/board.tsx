import React, { useEffect, useState } from 'react';
import { ApiClient, useNotice } from 'adminjs';
import { Box, H2, Loader, Text } from '@adminjs/design-system';
import type { BoardColumn } from '../pipeline/board-data.js';
import { LEAD_STATUS_COLOURS } from './badge-colours.js';
import { BoardCard } from './board-card.js';
import { LeadValueBadge } from './value-badge.js';

const api = new ApiClient();
type BoardResponse = { columns: BoardColumn[]; notice?: { type: 'success' | 'error'; message: string } };

/**
 * The pipeline board: a column per status. Drag a card to another column to
 * change its status; keyboard and phone users use the "Move to" menu on each
 * card. Wide screens fit every column (admin-styles.ts); narrower ones scroll
 * sideways a column at a time.
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
  const options = columns.map((c) => ({ value: c.status, label: c.label }));
  return (
    <Box p="lg" data-testid="board">
      <H2 mb="lg">Pipeline board</H2>
      <div className="lh-board-columns" style={{ '--lh-board-count': columns.length } as React.CSSProperties}>
        {columns.map((column) => (
          <Box
            key={column.status}
            className="lh-board-column"
            data-status={column.status}
            role="group"
            aria-label={`${column.label}: ${column.count.toLocaleString()} leads`}
            style={{ borderTopColor: LEAD_STATUS_COLOURS[column.status].text }}
            onDragOver={(e: React.DragEvent) => e.preventDefault()}
            onDrop={(e: React.DragEvent) => { e.preventDefault(); if (dragging !== null) void move(dragging, column.status); setDragging(null); }}
          >
            <Box className="lh-board-column-head">
              <LeadValueBadge field="status" value={column.status} />
              <Text as="span" fontSize="sm" color="grey80">{column.count.toLocaleString()}</Text>
            </Box>
            {column.cards.map((card) => (
              <BoardCard key={card.id} card={card} status={column.status} options={options} onMove={(id, s) => void move(id, s)} onDragStart={() => setDragging(card.id)} />
            ))}
            {column.count > column.cards.length && (
              <Text fontSize="sm" color="grey80">+{(column.count - column.cards.length).toLocaleString()} more in the list</Text>
            )}
          </Box>
        ))}
      </div>
    </Box>
  );
}
