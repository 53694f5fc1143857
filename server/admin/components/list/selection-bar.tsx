import React, { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { buildActionClickHandler, useActionResponseHandler, useModal, useTranslation, type ActionJSON, type RecordJSON, type ResourceJSON } from 'adminjs';
import { Box, Button, Text } from '@adminjs/design-system';
import { MatchingChange } from './matching-change.js';
import { countOf } from './list-query.js';
import { RESOURCE_NOUNS } from '../../resource-words.js';

/** Bulk actions that can also run on every record matching the filter, and the resource action that does it. */
const MATCHING: Record<string, string> = { changeStatus: 'changeStatusMatching', changePriority: 'changePriorityMatching' };

/** What staff call one and several of the resource's records (resource-words.ts), lower-case as inside a sentence. */
function nounsOf(resource: ResourceJSON): { one: string; many: string } {
  const nouns = (RESOURCE_NOUNS as Record<string, { plural: string; singular: string } | undefined>)[resource.id];
  const plural = nouns?.plural ?? resource.name;
  return { one: nouns?.singular ?? plural, many: /^[A-Z]{2}/.test(plural) ? plural : plural.charAt(0).toLowerCase() + plural.slice(1) };
}

interface Props {
  resource: ResourceJSON;
  selected: RecordJSON[];
  pageRecords: RecordJSON[];
  total: number;
  allMatching: boolean;
  onSelectAllMatching(): void;
  onClear(): void;
  onChanged(): void;
}

/** The bulk actions every selected record allows, in AdminJS's order. */
function commonBulkActions(records: RecordJSON[]): ActionJSON[] {
  const [first, ...rest] = records;
  if (!first) return [];
  return first.bulkActions.filter((a) => rest.every((r) => r.bulkActions.some((b) => b.name === a.name)));
}

/**
 * What is selected and what can be done with it, above the table and sticky
 * while the page scrolls. Ticking a whole page of a longer list offers every
 * record matching the filter, as mail clients do; that selection runs only
 * the changes that support it, each after confirming the count.
 */
export function SelectionBar({ resource, selected, pageRecords, total, allMatching, onSelectAllMatching, onClear, onChanged }: Props) {
  const location = useLocation();
  const navigate = useNavigate();
  const translateFunctions = useTranslation();
  const modalFunctions = useModal();
  const actionResponseHandler = useActionResponseHandler(onChanged);
  const [matchingAction, setMatchingAction] = useState<ActionJSON | null>(null);
  const nouns = nounsOf(resource);
  const actions = commonBulkActions(selected.length ? selected : pageRecords);
  const matchable = actions.filter((a) => MATCHING[a.name]);
  if (!selected.length && !allMatching) return null;

  const wholePage = pageRecords.length > 0 && pageRecords.every((r) => selected.some((s) => s.id === r.id));
  const offerAllMatching = !allMatching && wholePage && total > pageRecords.length && matchable.length > 0;
  const count = allMatching ? total : selected.length;
  const offPage = selected.filter((s) => !pageRecords.some((r) => r.id === s.id)).length;

  const click = (action: ActionJSON) => (event: React.MouseEvent) => {
    if (allMatching) { event.preventDefault(); setMatchingAction(action); return; }
    buildActionClickHandler({
      action, params: { resourceId: resource.id, recordIds: selected.map((r) => r.id) }, actionResponseHandler, navigate, location,
      translateFunctions, modalFunctions,
    })(event as never);
  };

  return (
    <Box className="lh-selection-bar" data-testid="selection-bar" role="region" aria-label="Selection" mb="lg" p="lg" bg="white">
      <Box flex flexDirection="row" flexWrap="wrap" alignItems="center" style={{ gap: 12 }}>
        <Text fontWeight="bold" data-testid="selection-count">
          {allMatching ? `All ${countOf(count, nouns.one, nouns.many)} matching this filter are selected.`
            : `${countOf(count, nouns.one, nouns.many)} selected${offPage ? ` (${offPage} on other pages)` : ''}.`}
        </Text>
        {offerAllMatching ? (
          <Button type="button" size="sm" variant="text" onClick={onSelectAllMatching} data-testid="select-all-matching">
            Select all {countOf(total, nouns.one, nouns.many)} matching this filter
          </Button>
        ) : null}
        <Box flex flexDirection="row" flexWrap="wrap" style={{ gap: 8 }}>
          {(allMatching ? matchable : actions).map((action) => (
            <Button key={action.name} type="button" size="sm" variant={action.variant === 'danger' ? 'danger' : 'outlined'} onClick={click(action)}
              data-testid={`bulk-${action.name}`}>
              {translateFunctions.translateAction(action.label, resource.id)}
            </Button>
          ))}
          <Button type="button" size="sm" variant="text" onClick={onClear}>Clear selection</Button>
        </Box>
      </Box>
      {matchingAction ? (
        <MatchingChange resource={resource} action={matchingAction} label={translateFunctions.translateAction(matchingAction.label, resource.id)} matchingActionName={MATCHING[matchingAction.name]!} nouns={nouns}
          onCancel={() => setMatchingAction(null)} onDone={() => { setMatchingAction(null); onChanged(); }} />
      ) : null}
    </Box>
  );
}
