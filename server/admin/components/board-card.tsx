import React from 'react';
import { useNavigate } from 'react-router';
import { ViewHelpers } from 'adminjs';
import { Box, Label, Link, Select, Text, selectStyles, theme } from '@adminjs/design-system';
import type { BoardCard as Card, BoardColumn } from '../pipeline/board-data.js';
import { PhoneLink } from './phone-link.js';
import { LeadValueBadge } from './value-badge.js';

const h = new ViewHelpers();
type Option = { value: BoardColumn['status']; label: string };

function age(iso: string): string {
  const hours = Math.max(0, (Date.now() - new Date(iso).getTime()) / 3_600_000);
  return hours < 24 ? `${Math.floor(hours)}h` : `${Math.floor(hours / 24)}d`;
}

// The theme's select, compact enough for a narrow column; its menu opens above
// the board (in a portal) so a column's scroll box cannot cut it off.
const themeStyles = selectStyles(theme as never) ?? {};
const MOVE_STYLES: typeof themeStyles = {
  ...themeStyles,
  control: (base, state) => ({ ...themeStyles.control?.(base, state), minHeight: 30, fontSize: 13 }),
  valueContainer: (base) => ({ ...base, padding: '0 4px' }),
  dropdownIndicator: (base) => ({ ...base, padding: 2 }),
  indicatorSeparator: () => ({ display: 'none' }),
  option: (base) => ({ ...base, fontSize: 13 }),
  menuPortal: (base) => ({ ...base, zIndex: 1000 }),
};

interface BoardCardProps {
  card: Card;
  status: BoardColumn['status'];
  options: Option[];
  onMove: (leadId: number, status: Option['value']) => void;
  onDragStart: () => void;
}

/**
 * One lead on the board: its name (to its page), product, score and age, its
 * priority and phone, and the "Move to" menu that does what a drag does, for
 * a keyboard or a phone.
 */
export function BoardCard({ card, status, options, onMove, onDragStart }: BoardCardProps) {
  const navigate = useNavigate();
  const href = h.recordActionUrl({ resourceId: 'leads', recordId: String(card.id), actionName: 'show' });
  const open = (event: React.MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return; // a new tab or window, as the browser does it
    event.preventDefault();
    navigate(href);
  };
  const inputId = `lh-move-${card.id}`;
  return (
    <Box className="lh-board-card" data-lead-id={card.id} draggable onDragStart={onDragStart}>
      <Link href={href} onClick={open} className="lh-board-card-name">{card.name}</Link>
      <Text fontSize="sm" lineHeight="18px" color="grey80" mt="xs">{card.product ?? 'No product'}</Text>
      <Text fontSize="sm" lineHeight="18px" color="grey80">Score {card.score ?? '–'} · {age(card.createdAt)} old</Text>
      <Box className="lh-board-card-meta">
        <LeadValueBadge field="priority" value={card.priority} />
        {card.phone && <PhoneLink phone={card.phone} />}
      </Box>
      <Label htmlFor={inputId} mt="sm" mb="xs" fontSize="sm" color="grey80">Move to</Label>
      <Select
        inputId={inputId}
        aria-label={`Move ${card.name} to`}
        options={options}
        value={options.find((o) => o.value === status)}
        onChange={(selected: Option | null) => { if (selected && selected.value !== status) onMove(card.id, selected.value); }}
        isClearable={false}
        isSearchable={false}
        menuPortalTarget={document.body}
        menuPlacement="auto"
        styles={MOVE_STYLES}
      />
    </Box>
  );
}
